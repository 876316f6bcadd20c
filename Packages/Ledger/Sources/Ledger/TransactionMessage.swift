import Models

/// What a transaction asks for: instructions applied in order, all or nothing, on behalf of
/// `signer`. The (signer, nonce) pair must be new: the ledger refuses a replay.
public struct TransactionMessage: Hashable, Sendable, Codable {
    /// The key that signs the transaction and whose authority the instructions use.
    public var signer: PublicKey
    /// A number the signer never used before (clients use a clock reading plus randomness).
    public var nonce: UInt64
    /// The instructions, applied in order.
    public var instructions: [Instruction]

    /// Creates a message.
    public init(signer: PublicKey, nonce: UInt64, instructions: [Instruction]) {
        self.signer = signer
        self.nonce = nonce
        self.instructions = instructions
    }
}
