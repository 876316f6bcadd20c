import Foundation
@_spi(LedgerStoreTesting) import Ledger
import Models
import Testing

@Suite struct LedgerStoreTests {
    /// Runs `transactions` through the program on `state` and appends each accepted one to
    /// `store`, as the service does; returns the entries.
    private func append(
        _ transactions: [SignedTransaction], to store: LedgerStore, state: inout LedgerState
    ) throws -> [LogEntry] {
        var entries: [LogEntry] = []
        for transaction in transactions {
            let head = try store.head()
            let changes = try state.apply(transaction.message)
            let entry = LogEntry(
                sequence: head.sequence + 1, previousHash: head.hash, transaction: transaction, changes: changes)
            try store.write { (writer) throws(LedgerStoreError) -> LedgerStoreWriteOutcome<Void> in
                try writer.append(entry)
                return .commit(())
            }
            entries.append(entry)
        }
        return entries
    }

    @Test func openingCreatesTheFileItsDirectoriesAndAnEmptyLog() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path("nested/deeper/ledger.sqlite")
        let genesis = LedgerGenesis(foundation: Keypair().publicKey)
        let store = try LedgerStore(path: path, creating: genesis)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(store.genesis == genesis)
        #expect(try store.head() == .genesis)
        #expect(try store.entries(from: 1, limit: 10).isEmpty)
        let loaded = try store.loadState()
        #expect(loaded.state == LedgerState(genesis: store.genesis))
        #expect(try store.rawScalarOnWriter("PRAGMA journal_mode") == "wal")
        // Opening again runs no migration twice and reads the same genesis, with or without it.
        try store.close()
        #expect(try LedgerStore(path: path).genesis == genesis)
        #expect(try LedgerStore(path: path, creating: genesis).genesis.id == genesis.id)
        // Another ledger's genesis is refused, and the file keeps its own.
        let other = LedgerGenesis(foundation: Keypair().publicKey)
        #expect(throws: LedgerStoreError.genesisMismatch(path: path, stored: genesis.id, expected: other.id)) {
            try LedgerStore(path: path, creating: other)
        }
        #expect(try LedgerStore(path: path, accessMode: .readOnly).genesis == genesis)
    }

    @Test func aLedgerIsOnlyCreatedWithAGenesis() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        #expect(throws: LedgerStoreError.fileNotFound(path: path)) { try LedgerStore(path: path) }
        #expect(throws: LedgerStoreError.fileNotFound(path: path)) { try LedgerService(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [(LedgerDurability.normal, "1"), (.full, "2")])
    func durabilitySetsTheSynchronousLevel(durability: LedgerDurability, pragmaValue: String) throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let store = try LedgerStore(
            path: directory.path(), durability: durability, creating: LedgerGenesis(foundation: Keypair().publicKey))
        #expect(try store.rawScalarOnWriter("PRAGMA synchronous") == pragmaValue)
    }

    @Test func appendWritesTheLogRowAndTheEntityRowsTogether() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let store = try LedgerStore(path: directory.path(), creating: scenario.genesis)
        var state = LedgerState(genesis: scenario.genesis)
        let created = try append([scenario.initialization(), scenario.createLocation("lax")], to: store, state: &state)
        let location = try #require(created[1].changes.first { $0.ref.kind == .location }).ref

        #expect(try store.entries(from: 1, limit: 10) == created)
        #expect(try store.head() == LogPosition(of: created[1]))
        let loaded = try store.loadState()
        #expect(loaded.state == state)
        #expect(loaded.head == LogPosition(of: created[1]))
        let row = try #require(try store.read { (reader) throws(LedgerStoreError) in try reader.entityRow(location) })
        #expect(row.sequence == 2)

        let deleted = try append(
            [scenario.signed(.deleteLocation(PubkeyArgs(pubkey: location.pubkey)))], to: store, state: &state)
        #expect(deleted[0].changes.contains { $0.ref == location && $0.entity == nil })
        #expect(try store.read { (reader) throws(LedgerStoreError) in try reader.entityRow(location) } == nil)
        #expect(try store.loadState().state == state)
    }

    @Test func aRolledBackOrFailingWriteLeavesTheFileUnchanged() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let store = try LedgerStore(path: directory.path(), creating: scenario.genesis)
        var state = LedgerState(genesis: scenario.genesis)
        let initialization = scenario.initialization()
        let changes = try state.apply(initialization.message)
        let entry = LogEntry(
            sequence: 1, previousHash: LogEntry.genesisHash, transaction: initialization, changes: changes)

        let answer = try store.write { (writer) throws(LedgerStoreError) -> LedgerStoreWriteOutcome<Int> in
            try writer.append(entry)
            let seen = try writer.reader.head().sequence
            #expect(seen == 1, "the transaction sees its own write")
            return .rollback(42)
        }
        #expect(answer == 42)
        #expect(try store.head() == .genesis)

        #expect(throws: LedgerStoreError.closed(path: "because")) {
            try store.write { (writer) throws(LedgerStoreError) -> LedgerStoreWriteOutcome<Void> in
                try writer.append(entry)
                throw .closed(path: "because")
            }
        }
        #expect(try store.head() == .genesis)
        #expect(try store.loadState().state == LedgerState(genesis: store.genesis))
    }

    @Test func sqliteRefusesARepeatedSignerAndNonce() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var scenario = LedgerFileScenario()
        let store = try LedgerStore(path: path, creating: scenario.genesis)
        var state = LedgerState(genesis: scenario.genesis)
        let first = try append([scenario.initialization()], to: store, state: &state)[0]
        let again = LogEntry(sequence: 2, previousHash: first.hash, transaction: first.transaction, changes: [])
        do {
            try store.write { (writer) throws(LedgerStoreError) -> LedgerStoreWriteOutcome<Void> in
                try writer.append(again)
                return .commit(())
            }
            Issue.record("a repeated (signer, nonce) was stored")
        } catch {
            guard case .sqlite(let errorPath, let operation, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(errorPath == path)
            #expect(operation == "append log entry 2")
        }
        #expect(try store.head() == LogPosition(of: first))
    }

    @Test func pagedReadsReturnEveryEntryOnceInOrder() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let store = try LedgerStore(path: directory.path(), creating: scenario.genesis)
        var state = LedgerState(genesis: scenario.genesis)
        var transactions = [scenario.initialization()]
        for epoch in 1...10 { transactions.append(scenario.setEpoch(UInt64(epoch))) }
        let entries = try append(transactions, to: store, state: &state)

        var read: [LogEntry] = []
        var next: UInt64 = 1
        while true {
            let page = try store.entries(from: next, limit: 3)
            guard let last = page.last else { break }
            #expect(page.count <= 3)
            read += page
            next = last.sequence + 1
        }
        #expect(read == entries)
        #expect(try store.entries(from: 9, limit: 100).map(\.sequence) == [9, 10, 11])
        #expect(try store.entries(from: 12, limit: 100).isEmpty)
    }

    @Test func readOnlyOpeningNeedsAnExistingLedgerAndNeverCreatesOne() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let missing = directory.path("missing.sqlite")
        #expect(throws: LedgerStoreError.fileNotFound(path: missing)) {
            try LedgerStore(path: missing, accessMode: .readOnly)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let text = directory.path("notes.txt")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: text))
        do {
            _ = try LedgerStore(path: text, accessMode: .readOnly)
            Issue.record("a text file opened as a ledger")
        } catch {
            switch error {
            case .notALedger(let errorPath, _), .sqlite(let errorPath, _, _): #expect(errorPath == text)
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func aReadOnlyStoreReadsAFileWhoseWriterHasClosed() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var scenario = LedgerFileScenario()
        var state = LedgerState(genesis: scenario.genesis)
        let entries: [LogEntry]
        do {
            let writer = try LedgerStore(path: path, creating: scenario.genesis)
            entries = try append(
                [scenario.initialization(), scenario.createLocation("ewr")], to: writer, state: &state)
            try writer.close()
        }
        let reader = try LedgerStore(path: path, accessMode: .readOnly)
        #expect(try reader.entries(from: 1, limit: 10) == entries)
        #expect(try reader.loadState().state == state)
    }
}
