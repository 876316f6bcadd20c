import AsyncHTTPClient
import Ledger
import Synchronization

/// The one `HTTPClient` of a ``RemoteLedger``, shared with its log followers and shut down once.
///
/// ``shutdown()`` shuts it down (waiting for that to finish). If nobody called it, the last
/// owner to go away (the ledger and every follower holding this) starts the shutdown from
/// `deinit`, so a forgotten client neither leaks nor trips AsyncHTTPClient's debug check.
final class OwnedHTTPClient: Sendable {
    /// The client; use it only while not shut down.
    let client: HTTPClient
    private let isShutDown = Mutex(false)

    /// Creates a client on the shared event loop group.
    init(configuration: HTTPClient.Configuration) {
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Shuts the client down; later calls do nothing.
    func shutdown() async throws(LedgerError) {
        guard markShutDown() else { return }
        do {
            try await client.shutdown()
        } catch {
            throw .transport("shutting down the HTTP client failed: \(error)")
        }
    }

    /// Whether ``shutdown()`` was called.
    var wasShutDown: Bool { isShutDown.withLock { $0 } }

    private func markShutDown() -> Bool {
        isShutDown.withLock { shutDown in
            defer { shutDown = true }
            return !shutDown
        }
    }

    deinit {
        if markShutDown() {
            client.shutdown { _ in }
        }
    }
}
