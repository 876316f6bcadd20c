import Foundation
import Ledger
import Models

/// A ledger that forwards to another but refuses the transactions `refusal` picks, with the
/// error it returns: to test the activator's handling of refusals.
public final class RefusingLedger: LedgerAPI, @unchecked Sendable {
    /// The ledger it forwards to.
    public let inner: any LedgerAPI
    private let lock = NSLock()
    private var refusal: @Sendable (SignedTransaction) -> ProgramError?
    private var refusedCount = 0

    /// Forwards to `inner`, refusing what `refusal` returns an error for.
    public init(_ inner: any LedgerAPI, refusal: @escaping @Sendable (SignedTransaction) -> ProgramError?) {
        self.inner = inner
        self.refusal = refusal
    }

    /// How many transactions it refused.
    public var refused: Int { lock.withLock { refusedCount } }

    /// Refuses what the refusal picks; forwards the rest.
    public func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt {
        let error: ProgramError? = lock.withLock {
            let error = refusal(transaction)
            if error != nil { refusedCount += 1 }
            return error
        }
        if let error { throw .rejected(error) }
        return try await inner.submit(transaction)
    }

    /// The inner ledger's genesis.
    public func genesis() async throws(LedgerError) -> LedgerGenesis { try await inner.genesis() }

    /// Forwarded: The entity at `ref`, or nil.
    public func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? { try await inner.entity(ref) }

    /// Forwarded: The entities of `kind` matching `filter`, by key.
    public func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity] {
        try await inner.entities(of: kind, matching: filter)
    }

    /// Forwarded: The log head and state hash.
    public func head() async throws(LedgerError) -> LedgerHead { try await inner.head() }

    /// The inner ledger's log.
    public func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
        inner.follow(from: sequence)
    }
}
