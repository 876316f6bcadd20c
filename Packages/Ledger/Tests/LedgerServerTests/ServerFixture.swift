import Foundation
import Ledger
import LedgerTestSupport
import LedgerClient
import LedgerServer

/// A ledger of one backend, served on an ephemeral port, with a ``LedgerClient/RemoteLedger``
/// and a ``RawHTTP`` pointed at it; everything is stopped and removed afterwards.
struct ServerFixture {
    let ledger: any LedgerAPI
    let server: RunningLedgerServer
    let client: RemoteLedger
    let http: RawHTTP
    let transactions: TransactionFactory

    /// Runs `body` against a fresh served ledger, then shuts everything down (even on failure).
    static func with<Result>(
        _ backend: LedgerBackend, heartbeatInterval: Duration = .seconds(15),
        clientConfiguration: RemoteLedgerConfiguration = RemoteLedgerConfiguration(),
        authentication: AuthenticationLimits = AuthenticationLimits(),
        wrap: (any LedgerAPI) -> any LedgerAPI = { $0 },
        _ body: (ServerFixture) async throws -> Result
    ) async throws -> Result {
        let transactions = TransactionFactory()
        let (backendLedger, cleanUp) = try backend.makeLedger(transactions.genesis)
        let ledger = wrap(backendLedger)
        let server: RunningLedgerServer
        do {
            server = try await RunningLedgerServer.start(
                ledger, heartbeatInterval: heartbeatInterval, authentication: authentication)
        } catch {
            await cleanUp()
            throw error
        }
        let client = try RemoteLedger(url: server.url, configuration: clientConfiguration)
        let fixture = ServerFixture(
            ledger: ledger, server: server, client: client, http: RawHTTP(baseURL: server.url),
            transactions: transactions)
        let result: Result
        do {
            result = try await body(fixture)
        } catch {
            try? await client.shutdown()
            try? await server.stop()
            await cleanUp()
            throw error
        }
        try await client.shutdown()
        try await server.stop()
        await cleanUp()
        return result
    }
}
