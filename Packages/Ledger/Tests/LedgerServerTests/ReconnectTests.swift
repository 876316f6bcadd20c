import Foundation
import Ledger
import LedgerTestSupport
import LedgerClient
import Models
import Testing

/// A follower survives its server going away and coming back.
@Suite("Ledger client: reconnecting follow")
struct ReconnectTests {
    @Test(
        "the server stops mid-stream and restarts on the same port: no gap, no duplicate",
        arguments: LedgerBackend.allCases)
    func reconnectAfterRestart(_ backend: LedgerBackend) async throws {
        let transactions = TransactionFactory()
        let (ledger, cleanUp) = try backend.makeLedger(transactions.genesis)
        var server = try await RunningLedgerServer.start(ledger)
        let port = server.address.port
        let client = try RemoteLedger(
            url: server.url,
            configuration: RemoteLedgerConfiguration(
                reconnectBackoff: ReconnectBackoff(initial: .milliseconds(50), maximum: .milliseconds(400))))
        _ = try await client.submit(transactions.initialize())
        _ = try await client.submit(transactions.createLocation("one"))

        let collector = await LogCollector.start(client.follow(from: 1))
        #expect(await collector.waitFor(2).map(\.sequence) == [1, 2])

        try await server.stop()
        // Accepted while no server runs: the follower must get it after reconnecting.
        _ = try await ledger.submit(transactions.createLocation("two"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(await collector.finished == false)

        server = try await RunningLedgerServer.start(ledger, port: port)
        _ = try await client.submit(transactions.createLocation("three"))

        let entries = await collector.waitFor(4)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await collector.sequences == [1, 2, 3, 4])
        #expect(await collector.failure == nil)
        var expected: [LogEntry] = []
        for try await entry in ledger.follow(from: 1) {
            expected.append(entry)
            if entry.sequence == 4 { break }
        }
        #expect(entries == expected)

        await collector.stop()
        try await client.shutdown()
        try await server.stop()
        await cleanUp()
    }

    @Test("a follower started while the server is down connects once it is up")
    func followBeforeServer() async throws {
        let transactions = TransactionFactory()
        let ledger = InMemoryLedger(genesis: transactions.genesis)
        // Find a free port, then release it.
        let probe = try await RunningLedgerServer.start(ledger)
        let port = probe.address.port
        try await probe.stop()

        let client = try RemoteLedger(
            url: probe.url,
            configuration: RemoteLedgerConfiguration(
                reconnectBackoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))))
        let collector = await LogCollector.start(client.follow(from: 1))
        try await Task.sleep(for: .milliseconds(300))
        _ = try await ledger.submit(transactions.initialize())
        let server = try await RunningLedgerServer.start(ledger, port: port)
        #expect(await collector.waitFor(1).map(\.sequence) == [1])
        await collector.stop()
        try await client.shutdown()
        try await server.stop()
    }
}
