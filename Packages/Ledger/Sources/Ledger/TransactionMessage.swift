import Models

/// What a transaction asks for: instructions applied in order, all or nothing, on behalf of
/// `signer`, on one ledger and until one second.
///
/// - The (signer, nonce) pair must be new: the ledger refuses a replay, and a pair the program
///   refused once can never be applied later.
/// - `ledger` must be the ledger's identity (``LedgerGenesis/id``): a transaction is valid on one
///   ledger only.
/// - `not_after` bounds the transaction in time (see ``TransactionValidity``).
///
/// JSON (canonical: sorted keys, no white space): `{"instructions":[...],"ledger":"<64 hex>",
/// "nonce":N,"not_after":T,"signer":"<base58>"}`.
public struct TransactionMessage: Hashable, Sendable, Codable {
    /// The key that signs the transaction and whose authority the instructions use.
    public var signer: PublicKey
    /// A number the signer never used before (clients use a clock reading plus randomness).
    public var nonce: UInt64
    /// The ledger this transaction is for.
    public var ledger: LedgerID
    /// The last second (since 1970, UTC) at which the ledger may accept the transaction.
    public var notAfter: UInt64
    /// The instructions, applied in order.
    public var instructions: [Instruction]

    /// Creates a message.
    public init(
        signer: PublicKey, nonce: UInt64, ledger: LedgerID, notAfter: UInt64 = TransactionValidity.notAfter(),
        instructions: [Instruction]
    ) {
        self.signer = signer
        self.nonce = nonce
        self.ledger = ledger
        self.notAfter = notAfter
        self.instructions = instructions
    }

    private enum CodingKeys: String, CodingKey {
        case signer, nonce, ledger
        case notAfter = "not_after"
        case instructions
    }
}
