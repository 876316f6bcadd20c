import Crypto
import Foundation
import Models

/// One accepted transaction in the ledger's append-only log.
///
/// `hash` chains every entry to the one before it:
/// `hash = SHA-256(previous_hash ‖ sequence (8 bytes, big-endian) ‖ message bytes ‖ signature ‖ changes JSON)`;
/// the first entry's previous hash is 32 zero bytes.
public struct LogEntry: Hashable, Sendable {
    /// Position in the log, from 1.
    public var sequence: UInt64
    /// The previous entry's hash (32 zero bytes for the first), hex.
    public var previousHash: String
    /// This entry's hash, hex.
    public var hash: String
    /// The transaction as signed.
    public var transaction: SignedTransaction
    /// What the transaction changed.
    public let changes: [StateChange]
    /// `changes` in canonical JSON, encoded once: hashed, and stored in the log and entity tables.
    public let encodedChanges: EncodedChanges

    /// Creates an entry, computing its hash.
    public init(sequence: UInt64, previousHash: String, transaction: SignedTransaction, changes: [StateChange]) {
        self.sequence = sequence
        self.previousHash = previousHash
        self.transaction = transaction
        self.changes = changes
        self.encodedChanges = EncodedChanges(changes)
        self.hash = Self.hash(
            sequence: sequence, previousHash: previousHash, transaction: transaction,
            changesJSON: encodedChanges.json)
    }

    /// The hash of the empty log: 32 zero bytes, hex.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical JSON of a change list, as stored and hashed.
    public static func encodeChanges(_ changes: [StateChange]) -> [UInt8] {
        EncodedChanges(changes).json
    }

    /// Computes an entry hash from its parts.
    public static func hash(
        sequence: UInt64, previousHash: String, transaction: SignedTransaction, changesJSON: [UInt8]
    ) -> String {
        var hasher = SHA256()
        hasher.update(data: Hex.decode(previousHash) ?? [])
        hasher.update(data: withUnsafeBytes(of: sequence.bigEndian) { Array($0) })
        hasher.update(data: transaction.messageBytes)
        hasher.update(data: transaction.signature)
        hasher.update(data: changesJSON)
        return Hex.encode(hasher.finalize())
    }
}

extension LogEntry: Codable {
    private enum CodingKeys: String, CodingKey {
        case sequence, previousHash = "previous_hash", hash, transaction, signer, nonce, changes
    }

    /// Decodes an entry, checking the transaction's signature and the entry hash.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(UInt64.self, forKey: .sequence)
        previousHash = try container.decode(String.self, forKey: .previousHash)
        hash = try container.decode(String.self, forKey: .hash)
        let wire = try container.decode(String.self, forKey: .transaction)
        do {
            transaction = try SignedTransaction(wire: Array(wire.utf8))
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .transaction, in: container, debugDescription: "bad transaction: \(error)")
        }
        changes = try container.decode([StateChange].self, forKey: .changes)
        encodedChanges = EncodedChanges(changes)
        let expected = Self.hash(
            sequence: sequence, previousHash: previousHash, transaction: transaction,
            changesJSON: encodedChanges.json)
        guard expected == hash else {
            throw DecodingError.dataCorruptedError(
                forKey: .hash, in: container,
                debugDescription: "entry \(sequence) hash \(hash) does not match its contents (\(expected))")
        }
    }

    /// Encodes the entry; `transaction` is the wire form as a JSON string, `signer` and `nonce`
    /// are repeated for readers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
        try container.encode(String(decoding: transaction.wire, as: UTF8.self), forKey: .transaction)
        try container.encode(transaction.message.signer, forKey: .signer)
        try container.encode(transaction.message.nonce, forKey: .nonce)
        try container.encode(changes, forKey: .changes)
    }
}

/// Lower-case hexadecimal.
public enum Hex {
    /// Encodes bytes as lower-case hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case); nil for odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
