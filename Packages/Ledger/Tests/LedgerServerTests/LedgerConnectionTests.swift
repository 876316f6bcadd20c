import Foundation
import Ledger
import LedgerTestSupport
import LedgerClient
import Testing

/// `LedgerConnection.open`: URLs give a remote ledger, paths the embedded one.
@Suite("Ledger client: opening a location")
struct LedgerConnectionTests {
    @Test(
        "http and https URLs open a RemoteLedger", arguments: ["http://127.0.0.1:8899", "HTTPS://ledger.example/base/"])
    func remote(_ location: String) async throws {
        let ledger = try LedgerConnection.open(location)
        let remote = try #require(ledger as? RemoteLedger)
        #expect(!remote.baseURL.hasSuffix("/"))
        try await remote.shutdown()
    }

    @Test("an http URL without a host is a transport error")
    func noHost() {
        #expect(throws: LedgerError.self) { try LedgerConnection.open("http://") }
    }

    @Test("a missing file is a storage error that says how to create one, and creates nothing")
    func missingFile() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString).sqlite")
            .path
        do {
            _ = try LedgerConnection.open(path)
            Issue.record("a missing ledger file opened")
        } catch {
            guard case .storage(let message) = error else {
                Issue.record("expected a storage error, got \(error)")
                return
            }
            #expect(message.contains("doublezero-ledger init"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("an existing file opens the embedded ledger, served through the same API")
    func embedded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.sqlite").path
        let transactions = TransactionFactory()
        let creator = try LedgerService(path: path, creating: transactions.genesis)
        let receipt = try await creator.submit(transactions.initialize())
        await creator.close()

        let ledger = try LedgerConnection.open(path)
        let service = try #require(ledger as? LedgerService)
        #expect(try await service.head().sequence == receipt.sequence)
        await service.close()
    }
}
