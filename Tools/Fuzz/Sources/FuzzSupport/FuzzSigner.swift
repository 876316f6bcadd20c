/// The signer of the fuzzers' transactions: a fixed Ed25519 seed, so the seeds `fuzz-seeds` signs
/// and the signatures the transaction fuzzer makes come from the same key.
public enum FuzzSigner {
    /// The 32-byte secret seed (`Keypair(seed:)` in Ledger).
    public static let seed = [UInt8](repeating: 0x5A, count: 32)
    /// The ledger identity every seed transaction names (64 hex digits).
    public static let ledgerHex = String(repeating: "d2", count: 32)
}
