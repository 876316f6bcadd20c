import CommandLineSupport
import Ledger
import Models

/// What a verb that changed the ledger prints: the account it acted on and the accepted transaction.
///
/// As a table:
/// ```
///  account     | 7xK…
///  transaction | 3f9a…
///  sequence    | 12
/// ```
/// As JSON: `{"account": "7xK…", "transaction_id": "3f9a…", "sequence": 12}`.
struct MutationReport: Encodable {
    /// The account created, changed or deleted (nil when the transaction touched none of the kind).
    let account: PublicKey?
    /// The transaction id (SHA-256 of the signature, hex).
    let transactionId: String
    /// The log position the transaction took.
    let sequence: UInt64

    /// The report of `receipt` about `account`.
    init(account: PublicKey?, receipt: SubmitReceipt) {
        self.account = account
        self.transactionId = receipt.transactionId
        self.sequence = receipt.sequence
    }

    /// The report as text in `format`.
    func rendered(_ format: OutputFormat) throws -> String {
        guard format == .table else { return try format.jsonText(self) }
        return TextTable.keyValue(
            [("account", account?.base58 ?? ""), ("transaction", transactionId), ("sequence", String(sequence))]
        ).rendered()
    }

    private enum CodingKeys: String, CodingKey {
        case account
        case transactionId = "transaction_id"
        case sequence
    }
}
