import Ledger
import Models
import Synchronization
import Testing

/// `headSequence()` is a requirement of ``LedgerAPI``: called through `any LedgerAPI` (as the
/// HTTP server's heartbeats and `follow=false` do), a ledger's own cheap answer is used, not
/// ``LedgerAPI/head()`` with its state hash over every entity.
@Suite struct HeadSequenceTests {
    /// A ledger that counts `head()` calls and knows its sequence without it.
    final class CountingLedger: LedgerAPI {
        let headCalls = Atomic<Int>(0)

        func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt {
            throw .storage("not used")
        }
        func genesis() async throws(LedgerError) -> LedgerGenesis { LedgerGenesis(foundation: Keypair().publicKey) }
        func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? { nil }
        func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity] { [] }
        func head() async throws(LedgerError) -> LedgerHead {
            headCalls.add(1, ordering: .relaxed)
            return LedgerHead(sequence: 7, hash: LogEntry.genesisHash, stateHash: "")
        }
        func headSequence() async throws(LedgerError) -> UInt64 { 7 }
        func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
            AsyncThrowingStream { nil }
        }
    }

    @Test("through any LedgerAPI, headSequence() is the ledger's own, without head()")
    func headSequenceIsDispatchedToTheLedger() async throws {
        let counting = CountingLedger()
        let ledger: any LedgerAPI = counting
        #expect(try await ledger.headSequence() == 7)
        #expect(counting.headCalls.load(ordering: .relaxed) == 0)
        _ = try await ledger.consistentEntities(of: [.location])
        #expect(counting.headCalls.load(ordering: .relaxed) == 0)
    }
}
