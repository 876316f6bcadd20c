import Crypto
import Models

extension EntitySeed {
    /// The entity's key: SHA-256 of the seed bytes.
    ///
    /// Deterministic, so any party can compute the key of, say, the user for
    /// (client IP, user type) without asking the ledger.
    public var publicKey: PublicKey {
        PublicKey(uncheckedBytes: Array(SHA256.hash(data: bytes)))
    }
}
