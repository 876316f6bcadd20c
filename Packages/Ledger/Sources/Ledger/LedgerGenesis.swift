import Crypto
import Foundation
import Models

/// What a ledger is created with, fixed for its whole life: the foundation key that alone may
/// initialise it, and a creation time and random salt that make every ledger's identity unique.
///
/// `doublezero-ledger init --foundation KEY` writes it into the new file. Its SHA-256 over the
/// canonical JSON (``canonicalBytes``) is the ``LedgerID`` every transaction must name, so a
/// served ledger can never be claimed by the first caller (only ``foundation`` may sign
/// `init_global_state`) and transactions of one ledger are refused by every other.
public struct LedgerGenesis: Hashable, Sendable, Codable {
    /// The version of this record's layout.
    public static let currentVersion = 1

    /// The layout version (``currentVersion``).
    public var version: Int
    /// The key that alone may sign `init_global_state` (and so becomes the first foundation
    /// member, activator and sentinel).
    public var foundation: PublicKey
    /// When the ledger was created, in seconds since 1970 (UTC).
    public var createdAt: UInt64
    /// 16 random bytes (hex), so two ledgers made by one founder in the same second differ.
    public var salt: String

    /// A genesis for a new ledger founded by `foundation`, created now with a fresh salt.
    public init(foundation: PublicKey, createdAt: UInt64 = UInt64(Date().timeIntervalSince1970), salt: String? = nil) {
        self.version = Self.currentVersion
        self.foundation = foundation
        self.createdAt = createdAt
        self.salt = salt ?? Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255) })
    }

    /// The exact bytes hashed into the ``id`` (canonical JSON) and stored in the ledger file.
    public var canonicalBytes: [UInt8] {
        // Encoding our own Codable value cannot fail.
        Array(try! CanonicalJSON.makeEncoder().encode(self))
    }

    /// The ledger's identity: SHA-256 of ``canonicalBytes``.
    public var id: LedgerID {
        // 32 bytes always make 64 hex digits.
        LedgerID(hex: Hex.encode(SHA256.hash(data: canonicalBytes)))!
    }

    /// Decodes stored genesis bytes, refusing anything that is not exactly their canonical form.
    ///
    /// - Throws: a message saying what is wrong.
    public init(canonicalBytes bytes: [UInt8]) throws(LedgerGenesisError) {
        let genesis: LedgerGenesis
        do {
            genesis = try JSONDecoder().decode(LedgerGenesis.self, from: Data(bytes))
        } catch {
            throw LedgerGenesisError(reason: "the genesis record is not readable: \(error)")
        }
        guard genesis.version == Self.currentVersion else {
            throw LedgerGenesisError(
                reason: "the genesis record has version \(genesis.version); this software reads \(Self.currentVersion)")
        }
        guard genesis.canonicalBytes == bytes else {
            throw LedgerGenesisError(reason: "the genesis record is not in canonical form")
        }
        self = genesis
    }

    private enum CodingKeys: String, CodingKey {
        case version, foundation
        case createdAt = "created_at"
        case salt
    }
}

/// Why stored genesis bytes are not a usable ``LedgerGenesis``.
public struct LedgerGenesisError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var reason: String
    /// ``reason``.
    public var description: String { reason }
}
