import Models

/// The checks a signed transaction passes before the program sees it: it names this ledger, and
/// `now` lies within its validity window (see ``TransactionValidity``).
public struct TransactionAdmission: Sendable {
    /// This ledger's identity.
    public var ledger: LedgerID
    /// The ledger's clock, in seconds since 1970 (UTC).
    public var now: UInt64

    /// Checks against `ledger` at `now`.
    public init(ledger: LedgerID, now: UInt64) {
        self.ledger = ledger
        self.now = now
    }

    /// Refuses a message signed for another ledger, expired, or valid for too long.
    ///
    /// - Throws: ``ProgramError`` with `WrongLedger` or `TransactionExpired`.
    public func check(_ message: TransactionMessage) throws(ProgramError) {
        guard message.ledger == ledger else {
            throw ProgramError(
                .wrongLedger, "the transaction is for ledger \(message.ledger), not this ledger (\(ledger))",
                field: "ledger")
        }
        guard message.notAfter >= now else {
            throw ProgramError(
                .transactionExpired,
                "the transaction expired \(now - message.notAfter) s ago (not_after \(message.notAfter), now \(now)); sign it again",
                field: "not_after")
        }
        let latest = now + TransactionValidity.defaultWindow + TransactionValidity.clockSkewAllowance
        guard message.notAfter <= latest else {
            throw ProgramError(
                .transactionExpired,
                "not_after \(message.notAfter) is \(message.notAfter - now) s ahead; a transaction may be valid for at most \(TransactionValidity.defaultWindow + TransactionValidity.clockSkewAllowance) s",
                field: "not_after")
        }
    }
}
