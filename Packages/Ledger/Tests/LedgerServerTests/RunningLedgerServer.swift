import Ledger
import LedgerServer
import Logging
import Prometheus
import ServiceLifecycle
import Testing

/// A ``LedgerServer/LedgerHTTPServer`` on 127.0.0.1, running in its own `ServiceGroup` until
/// ``stop()`` shuts it down gracefully.
struct RunningLedgerServer {
    /// The server.
    let server: LedgerHTTPServer
    /// Where it listens.
    let address: LedgerServerAddress
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts serving `ledger` on `port` (0: an ephemeral one) and waits until it listens.
    static func start(
        _ ledger: any LedgerAPI, port: Int = 0, heartbeatInterval: Duration = .seconds(15),
        authentication: AuthenticationLimits = AuthenticationLimits()
    ) async throws -> RunningLedgerServer {
        var logger = Logger(label: "test.ledger.server")
        logger.logLevel = .warning
        // Each server counts into a registry of its own, exported at /metrics as the executable does.
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            LedgerServerMetrics.submitDurationLabel: LedgerServerMetrics.submitDurationBuckets
        ]
        let server = LedgerHTTPServer(
            ledger: ledger,
            configuration: LedgerServerConfiguration(
                host: "127.0.0.1", port: port, heartbeatInterval: heartbeatInterval, authentication: authentication),
            logger: logger, metrics: LedgerServerMetrics(factory: factory), exposition: { registry.emitToBuffer() })
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [server], logger: logger))
        let task = Task { try await group.run() }
        do {
            let address = try await server.listeningAddress()
            return RunningLedgerServer(server: server, address: address, group: group, task: task)
        } catch {
            task.cancel()
            throw error
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    var url: String { address.url }

    /// Shuts the server down gracefully and waits until it has stopped.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
