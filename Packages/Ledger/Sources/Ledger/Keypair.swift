import Crypto
import Foundation
import Models

/// An Ed25519 signing key and its public key.
///
/// Files use the Solana format (``KeypairFile``): 32 secret-seed bytes then 32 public-key bytes.
///
/// `@unchecked Sendable`: the only stored values are the immutable key bytes (swift-crypto does
/// not mark its key type Sendable).
public struct Keypair: @unchecked Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey

    /// The public key, as the ledger and the CLI show it (base58).
    public let publicKey: PublicKey

    /// Creates a fresh random keypair.
    public init() {
        self.init(privateKey: Curve25519.Signing.PrivateKey())
    }

    /// Creates the keypair whose 32-byte secret seed is `seed`.
    ///
    /// - Throws: ``KeypairError/invalidSeed`` when the seed is not 32 bytes.
    public init(seed: some DataProtocol) throws(KeypairError) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed)) else {
            throw .invalidSeed(byteCount: seed.count)
        }
        self.init(privateKey: key)
    }

    /// Creates the keypair stored in a Solana keypair file, checking that the stored public key
    /// is the one the seed derives.
    ///
    /// - Throws: ``KeypairError/publicKeyMismatch(stored:derived:)`` for a corrupt file.
    public init(file: KeypairFile) throws(KeypairError) {
        try self.init(seed: file.secretSeed)
        guard publicKey == file.publicKey else {
            throw .publicKeyMismatch(stored: file.publicKey, derived: publicKey)
        }
    }

    private init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        self.publicKey = PublicKey(uncheckedBytes: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The keypair in the Solana file layout.
    public var file: KeypairFile {
        // 32 + 32 bytes always make a valid file.
        try! KeypairFile(bytes: Array(privateKey.rawRepresentation) + publicKey.bytes)
    }

    /// Signs `message` (Ed25519, 64-byte signature).
    public func sign(_ message: some DataProtocol) -> [UInt8] {
        // Signing with a valid key only fails on allocation failure.
        Array(try! privateKey.signature(for: message))
    }
}

/// Why a keypair could not be made.
public enum KeypairError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The secret seed was not 32 bytes.
    case invalidSeed(byteCount: Int)
    /// The file's public key is not the one its seed derives: the file is corrupt or was edited.
    case publicKeyMismatch(stored: PublicKey, derived: PublicKey)

    /// A message naming what is wrong.
    public var description: String {
        switch self {
        case .invalidSeed(let count): "an Ed25519 secret seed has 32 bytes, not \(count)"
        case .publicKeyMismatch(let stored, let derived):
            "the keypair file's public key \(stored) does not match its secret key (which derives \(derived))"
        }
    }
}

extension PublicKey {
    /// Whether `signature` is a valid Ed25519 signature of `message` by this key, verified
    /// strictly (``StrictEd25519``: no weak keys, no small-order or non-canonical R, S < L).
    public func verifies(signature: some DataProtocol, for message: some DataProtocol) -> Bool {
        StrictEd25519.isValidSignature(signature, of: message, by: self)
    }
}
