import Foundation
import Ledger
import Models

/// A ledger that forwards to another but refuses the transactions `refusal` picks, with the
/// error it returns: to test the activator's handling of refusals.
final class RefusingLedger: LedgerAPI, @unchecked Sendable {
    /// The ledger it forwards to.
    let inner: any LedgerAPI
    private let lock = NSLock()
    private var refusal: @Sendable (SignedTransaction) -> ProgramError?
    private var refusedCount = 0

    /// Forwards to `inner`, refusing what `refusal` returns an error for.
    init(_ inner: any LedgerAPI, refusal: @escaping @Sendable (SignedTransaction) -> ProgramError?) {
        self.inner = inner
        self.refusal = refusal
    }

    /// How many transactions it refused.
    var refused: Int { lock.withLock { refusedCount } }

    func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt {
        let error: ProgramError? = lock.withLock {
            let error = refusal(transaction)
            if error != nil { refusedCount += 1 }
            return error
        }
        if let error { throw .rejected(error) }
        return try await inner.submit(transaction)
    }

    func genesis() async throws(LedgerError) -> LedgerGenesis { try await inner.genesis() }

    func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? { try await inner.entity(ref) }

    func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity] {
        try await inner.entities(of: kind, matching: filter)
    }

    func head() async throws(LedgerError) -> LedgerHead { try await inner.head() }

    func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> { inner.follow(from: sequence) }
}

extension SignedTransaction {
    /// The keys of the users this transaction activates.
    var activatedUsers: [PublicKey] {
        message.instructions.compactMap {
            if case .activateUser(let args) = $0 { return args.pubkey }
            return nil
        }
    }
}
