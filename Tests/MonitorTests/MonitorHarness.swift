import Foundation
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerClient
import Logging
import MonitorService
import NetworkTestSupport
import Prometheus
import PrometheusExport
import Synchronization
import Testing

/// A monitor on a served test network, with its own Prometheus registry, a clock the test moves,
/// and its dashboard and `/metrics` answering through HummingbirdTesting.
struct MonitorHarness: Sendable {
    let network: ServedTestNetwork
    let monitor: MonitorService
    let registry: PrometheusCollectorRegistry
    let clock: TestClock
    /// The loopback port of the live server (`live: true`), else 0.
    let port: Int

    /// A wall clock that only moves when told.
    final class TestClock: Sendable {
        private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { time.withLock { $0 } }
        func advance(by seconds: TimeInterval) { time.withLock { $0 += seconds } }
    }

    /// Runs `body` with a monitor of `network` (not following unless `follow`), its router served
    /// in-process.
    static func with(
        _ network: ServedTestNetwork, thresholds: MonitorThresholds = MonitorThresholds(),
        controllerMetrics: String? = nil, follow: Bool = false, interval: Duration = .seconds(60),
        logger: Logger = Logger(label: "test.monitor", factory: { _ in SwiftLogNoOpLogHandler() }),
        live: Bool = false, _ body: @Sendable (MonitorHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let registry = PrometheusCollectorRegistry()
        let clock = TestClock()
        let monitor = MonitorService(
            ledger: network.service,
            configuration: MonitorConfiguration(
                ledger: network.url, interval: interval, controllerMetrics: controllerMetrics, thresholds: thresholds),
            metrics: MonitorMetrics(factory: PrometheusMetricsFactory(registry: registry)),
            logger: logger, retryDelay: .milliseconds(50), minimumSpacing: .milliseconds(10), now: { clock.now })
        let running = follow ? Task { await monitor.runUntilCancelled() } : nil
        defer { running?.cancel() }
        let router = try DashboardServer(current: monitor.current).makeRouter()
        PrometheusExport(registry: registry).addRoute(to: router)
        // With `live`, the same router also serves on a loopback port, for a browser.
        var port = 0
        var server: Task<Void, any Error>?
        if live {
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let application = Application(
                router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
                logger: Logger(label: "test.dashboard", factory: { _ in SwiftLogNoOpLogHandler() }))
            server = Task { try await application.runService() }
            var iterator = ports.makeAsyncIterator()
            port = await iterator.next() ?? 0
        }
        defer { server?.cancel() }
        // A following monitor has evaluated once before the body looks at it.
        if follow {
            let deadline = ContinuousClock.now + .seconds(30)
            while monitor.current.view == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(monitor.current.view != nil, "the monitor did not evaluate the ledger within 30 s")
        }
        let harness = MonitorHarness(network: network, monitor: monitor, registry: registry, clock: clock, port: port)
        try await Application(router: router).test(.router) { client in
            try await body(harness, client)
        }
    }

    /// The ledger's state now, as entities with the head sequence.
    func ledgerSnapshot() async throws -> LedgerSnapshot {
        let state = try await network.service.currentState()
        return LedgerSnapshot(entities: state.allEntities, sequence: try await network.service.head().sequence)
    }

    /// Evaluates `state` as if the ledger held it.
    func evaluate(_ state: LedgerState, sequence: UInt64 = 1) async {
        await monitor.evaluate(LedgerSnapshot(entities: state.allEntities, sequence: sequence))
    }

    /// The value of the `doublezero_monitor_alerts_open` series of `kind` in the exposition.
    static func openAlertsMetric(_ kind: AlertKind, in exposition: String) -> Double? {
        exposition.split(separator: "\n").first {
            $0.hasPrefix("doublezero_monitor_alerts_open{") && $0.contains("kind=\"\(kind.rawValue)\"")
        }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// GET `uri`: status and body.
    static func get(_ client: any TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (
        status: HTTPResponse.Status, body: String
    ) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, String(buffer: response.body))
        }
    }

    /// GET `uri` as a JSON object.
    static func json(_ client: any TestClientProtocol, _ uri: String) async throws -> [String: Any] {
        let (status, body) = try await get(client, uri)
        guard status == .ok else { throw HTTPStatusError(uri: uri, status: status, body: body) }
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    /// A GET that did not answer 200.
    struct HTTPStatusError: Error, CustomStringConvertible {
        let uri: String
        let status: HTTPResponse.Status
        let body: String
        var description: String { "GET \(uri): \(status) \(body)" }
    }

    /// The open alerts of `/alerts.json` as (kind, subject label) pairs.
    static func openAlerts(_ client: any TestClientProtocol) async throws -> [(
        kind: String, subject: String, message: String
    )] {
        let page = try await json(client, "/alerts.json")
        let open = try #require(page["open"] as? [[String: Any]])
        return open.map {
            ($0["kind"] as? String ?? "", $0["subject_label"] as? String ?? "", $0["message"] as? String ?? "")
        }
    }

    /// Checks that an alert of `kind` about `subject` is open everywhere it should show: the
    /// `/alerts.json` page, `/metrics` (at least `count` open of the kind) and the registry.
    static func expectOpen(
        _ kind: AlertKind, subject: String, count: Double = 1, _ client: any TestClientProtocol,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let open = try await openAlerts(client)
        let match = open.first { $0.kind == kind.rawValue && $0.subject == subject }
        #expect(
            match != nil,
            "no open \(kind.rawValue) alert about \(subject); open: \(open.map { "\($0.kind) \($0.subject)" })",
            sourceLocation: sourceLocation)
        let metrics = try await get(client, "/metrics").body
        #expect(
            openAlertsMetric(kind, in: metrics) == count, "alerts_open for \(kind.rawValue)",
            sourceLocation: sourceLocation)
        return match?.message ?? ""
    }

    /// Checks that no alert of `kind` is open, in the JSON and in `/metrics`, and that the history
    /// holds a cleared one.
    static func expectCleared(
        _ kind: AlertKind, _ client: any TestClientProtocol, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let open = try await openAlerts(client)
        #expect(
            !open.contains { $0.kind == kind.rawValue }, "still open: \(kind.rawValue)", sourceLocation: sourceLocation)
        let metrics = try await get(client, "/metrics").body
        #expect(openAlertsMetric(kind, in: metrics) == 0, sourceLocation: sourceLocation)
        let page = try await json(client, "/alerts.json")
        let history = try #require(page["history"] as? [[String: Any]])
        #expect(
            history.contains { $0["kind"] as? String == kind.rawValue && $0["cleared"] is String },
            sourceLocation: sourceLocation)
    }
}
