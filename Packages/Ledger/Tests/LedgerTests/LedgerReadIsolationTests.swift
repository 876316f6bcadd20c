import Foundation
import Ledger
import Models
import Synchronization
import Testing

/// Reads never run on the ledger's writer: they are answered from a snapshot of the file while a
/// submit waits for the file's write lock, and they see every committed write at once, whichever
/// process made it.
@Suite struct LedgerReadIsolationTests {
    @Test("every read completes while a submit waits for the write lock another connection holds")
    func readsDoNotWaitForTheWriter() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        let receipts = try await ledger.submitAll([scenario.initialization(), scenario.createLocation("lax")])
        let location = try #require(receipts[1].changes.first { $0.ref.kind == .location }).ref
        let headBefore = try await ledger.head()

        let lock = try await FileWriteLock(path: directory.path())
        let submitted = Atomic<Bool>(false)
        let blockedSubmit = scenario.setEpoch(1)
        let submit = Task {
            defer { submitted.store(true, ordering: .sequentiallyConsistent) }
            return try await ledger.submit(blockedSubmit)
        }
        // Let the submit reach the service and wait for the lock (it cannot finish before
        // `release`); reads that queued behind it would now wait too.
        try await Task.sleep(for: .milliseconds(300))

        let lax = try await ledger.entities(of: .location, matching: EntityFilter(["code": "lax"]))
        #expect(lax.map(\.ref) == [location])
        #expect(try await ledger.entity(location)?.ref == location)
        #expect(try await ledger.headSequence() == 2)
        #expect(try await ledger.head() == headBefore)
        var history: [UInt64] = []
        for try await entry in ledger.follow(from: 1) {
            history.append(entry.sequence)
            if history.count == 2 { break }
        }
        #expect(history == [1, 2])
        let submitFinishedFirst = submitted.load(ordering: .sequentiallyConsistent)
        #expect(
            !submitFinishedFirst, "the reads were answered only after the submit finished: they waited for the writer")

        lock.release()
        #expect(try await submit.value.sequence == 3)
        #expect(try await ledger.headSequence() == 3, "a submit that returned is visible to the next read")
    }

    @Test("a write another process committed is visible to the very next read, state hash included")
    func readsSeeOtherProcessesWritesAtOnce() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let server = try LedgerService(path: directory.path(), creating: scenario.genesis)
        let cli = try LedgerService(path: directory.path())
        _ = try await server.submit(scenario.initialization())
        let before = try await server.head()

        let receipt = try await cli.submit(scenario.createLocation("ewr"))
        let location = try #require(receipt.changes.first { $0.ref.kind == .location }).ref
        #expect(try await server.headSequence() == receipt.sequence)
        #expect(try await server.entity(location)?.ref == location)
        #expect(try await server.entities(of: .location, matching: EntityFilter(["code": "ewr"])).count == 1)
        let head = try await server.head()
        #expect(head.sequence == receipt.sequence)
        #expect(head.hash == receipt.hash)
        #expect(head.stateHash != before.stateHash)
        #expect(head.stateHash == (try await cli.currentState()).stateHash)
        #expect(try await server.head() == head, "the same head gives the same state hash")
    }
}
