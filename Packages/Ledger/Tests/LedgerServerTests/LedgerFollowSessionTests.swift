import Foundation
import Ledger
import LedgerTestSupport
import LedgerClient
import Models
import Testing

/// The one follow session: every entry once, in order, whatever the consumer or the server does.
@Suite("Ledger follow session")
struct LedgerFollowSessionTests {
    /// Records what the session hands over; can be slow, fail on chosen calls, or ask for a reload.
    actor RecordingConsumer: LedgerFollowConsumer {
        private(set) var snapshots: [LedgerSnapshot] = []
        /// Sequences applied successfully, in the order applied.
        private(set) var applied: [UInt64] = []
        private(set) var batchSizes: [Int] = []
        private var calls = 0
        let delay: Duration
        let failingCalls: Set<Int>
        let reloadingCalls: Set<Int>

        init(delay: Duration = .zero, failingCalls: Set<Int> = [], reloadingCalls: Set<Int> = []) {
            self.delay = delay
            self.failingCalls = failingCalls
            self.reloadingCalls = reloadingCalls
        }

        func start(from snapshot: LedgerSnapshot) async throws {
            snapshots.append(snapshot)
            applied = []
        }

        func apply(_ entries: [LogEntry]) async throws {
            calls += 1
            if delay > .zero { try await Task.sleep(for: delay) }
            if failingCalls.contains(calls) { throw ScriptedFailure() }
            if reloadingCalls.contains(calls) { throw LedgerFollowReload("test asked at call \(calls)") }
            applied += entries.map(\.sequence)
            batchSizes.append(entries.count)
        }

        /// The last sequence reflected: the snapshot's, then the applied entries'.
        var reflected: UInt64 { applied.last ?? snapshots.last?.sequence ?? 0 }
    }

    /// A consumer failure (not a cancellation: the session must retry it).
    struct ScriptedFailure: Error {}

    /// Runs `session` until `body` returns, then cancels it.
    private func running<T>(_ session: LedgerFollowSession, _ body: () async throws -> T) async rethrows -> T {
        let task = Task { await session.runUntilCancelled() }
        defer { task.cancel() }
        return try await body()
    }

    @Test("a slow consumer, a failing consumer and a server restart: every entry once, in order")
    func slowFailingAndRestarted() async throws {
        let transactions = TransactionFactory()
        let (ledger, cleanUp) = try LedgerBackend.sqliteFile.makeLedger(transactions.genesis)
        var server = try await RunningLedgerServer.start(ledger)
        let port = server.address.port
        let client = try RemoteLedger(
            url: server.url,
            configuration: RemoteLedgerConfiguration(
                reconnectBackoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))))
        _ = try await ledger.submit(transactions.initialize())
        for index in 0..<5 { _ = try await ledger.submit(transactions.createLocation("s\(index)")) }

        let consumer = RecordingConsumer(delay: .milliseconds(15), failingCalls: [3, 6])
        let session = LedgerFollowSession(
            ledger: client, kinds: [.location], consumer: consumer,
            backoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(100)), maxBatch: 8)
        try await running(session) {
            #expect(await eventually { await consumer.snapshots.count == 1 })
            let snapshot = try #require(await consumer.snapshots.first)
            #expect(snapshot.sequence == 6)
            #expect(snapshot.entities.count == 5)

            for index in 0..<30 { _ = try await ledger.submit(transactions.createLocation("a\(index)")) }
            try await server.stop()
            // Accepted while no server runs: the session must still get them, after the restart.
            for index in 0..<10 { _ = try await ledger.submit(transactions.createLocation("b\(index)")) }
            server = try await RunningLedgerServer.start(ledger, port: port)
            for index in 0..<20 { _ = try await ledger.submit(transactions.createLocation("c\(index)")) }
            let head = try await ledger.head().sequence

            #expect(await eventually(within: .seconds(30)) { await consumer.reflected == head })
            #expect(await consumer.applied == Array(7...head), "skipped, repeated or reordered")
            #expect(await consumer.batchSizes.contains { $0 > 1 }, "a slow consumer gets waiting entries together")
            #expect(await consumer.batchSizes.allSatisfy { $0 <= 8 })
            let status = await session.status
            #expect(status.failures >= 2, "the consumer failed twice: \(status)")
            #expect(status.appliedSequence == head)
            #expect(status.lag == 0)
            #expect(status.snapshots == 1, "a failed batch is retried from the last applied entry, not reloaded")
        }
        try await client.shutdown()
        try await server.stop()
        await cleanUp()
    }

    /// A ledger whose log streams end (with an error, as a cut-off does) after a few entries.
    struct CuttingLedger: LedgerAPI {
        struct CutOff: Error {}
        let inner: any LedgerAPI
        let entriesPerStream: Int

        func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt {
            try await inner.submit(transaction)
        }
        func genesis() async throws(LedgerError) -> LedgerGenesis { try await inner.genesis() }
        func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? { try await inner.entity(ref) }
        func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity] {
            try await inner.entities(of: kind, matching: filter)
        }
        func head() async throws(LedgerError) -> LedgerHead { try await inner.head() }
        func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
            let upstream = inner.follow(from: sequence)
            let limit = entriesPerStream
            return AsyncThrowingStream { continuation in
                let task = Task {
                    var delivered = 0
                    do {
                        for try await entry in upstream {
                            continuation.yield(entry)
                            delivered += 1
                            if delivered == limit { throw CutOff() }
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    @Test("a follower whose stream the ledger ends resumes from its last applied entry, again and again")
    func cutOffAndResumed() async throws {
        let transactions = TransactionFactory()
        let (ledger, cleanUp) = try LedgerBackend.sqliteFile.makeLedger(transactions.genesis)
        _ = try await ledger.submit(transactions.initialize())
        let consumer = RecordingConsumer(delay: .milliseconds(2))
        let session = LedgerFollowSession(
            ledger: CuttingLedger(inner: ledger, entriesPerStream: 7), kinds: [.location], consumer: consumer,
            backoff: ReconnectBackoff(initial: .milliseconds(5), maximum: .milliseconds(20)), maxBatch: 3)
        try await running(session) {
            #expect(await eventually { await consumer.snapshots.count == 1 })
            for index in 0..<40 { _ = try await ledger.submit(transactions.createLocation("b\(index)")) }
            let head = try await ledger.head().sequence
            #expect(await eventually(within: .seconds(30)) { await consumer.reflected == head })
            #expect(await consumer.applied == Array(2...head))
            let status = await session.status
            #expect(status.failures >= 5, "every seventh entry ends the stream: \(status)")
            #expect(status.snapshots == 1, "a cut stream resumes from the last applied entry, no reload")
        }
        await cleanUp()
    }

    @Test("a consumer that asks for a reload gets a fresh snapshot that covers what came before")
    func reloadOnRequest() async throws {
        let transactions = TransactionFactory()
        let (ledger, cleanUp) = try LedgerBackend.inMemory.makeLedger(transactions.genesis)
        _ = try await ledger.submit(transactions.initialize())
        let consumer = RecordingConsumer(reloadingCalls: [2])
        let session = LedgerFollowSession(ledger: ledger, kinds: [.location], consumer: consumer)
        try await running(session) {
            #expect(await eventually { await consumer.snapshots.count == 1 })
            _ = try await ledger.submit(transactions.createLocation("one"))
            #expect(await eventually { await consumer.reflected == 2 })
            _ = try await ledger.submit(transactions.createLocation("two"))
            #expect(await eventually { await consumer.snapshots.count == 2 })
            let fresh = try #require(await consumer.snapshots.last)
            #expect(fresh.sequence == 3)
            #expect(fresh.entities.count == 2)
            _ = try await ledger.submit(transactions.createLocation("three"))
            #expect(await eventually { await consumer.reflected == 4 })
            #expect(await consumer.applied == [4])
            #expect(await session.status.failures == 0)
        }
        await cleanUp()
    }
}
