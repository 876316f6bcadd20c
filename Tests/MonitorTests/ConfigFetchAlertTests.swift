import AppTestSupport
import ControllerService
import Foundation
import Hummingbird
import HummingbirdTesting
import Ledger
import Logging
import MonitorService
import NetworkTestSupport
import Prometheus
import PrometheusExport
import Routing
import Testing

/// Devices that stop fetching their config, read from a real controller's `/metrics` (the
/// controller service and its HTTP server in this process, on a loopback port).
@Suite("Monitor alerts on config fetches")
struct ConfigFetchAlertTests {
    @Test("a device that stops fetching alerts after the threshold; a fetch clears it; a stopped controller alerts")
    func staleFetches() async throws {
        let network = try await ServedTestNetwork()
        let registry = PrometheusCollectorRegistry()
        let controller = ControllerService(
            ledger: network.service, options: DeviceConfigOptions(noHardware: true, tunnelSlotCount: 2),
            metrics: ControllerMetrics(factory: PrometheusMetricsFactory(registry: registry)),
            retryDelay: .milliseconds(50), rebuildInterval: .milliseconds(10))
        let router = ConfigHTTPServer(current: controller.current, metrics: controller.metrics).makeRouter()
        PrometheusExport(registry: registry).addRoute(to: router)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "test.controller", factory: { _ in SwiftLogNoOpLogHandler() }))
        let controllerTask = Task { await controller.runUntilCancelled() }
        let serverTask = Task { try await application.runService() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let http = RawHTTPClient(address: .loopback(port: UInt16(port)))
        let fetch: @Sendable (String) async throws -> Int = { device in
            try await http.get("/v1/devices/\(device)/config?flavour=frr").status
        }
        do {
            try await MonitorHarness.with(
                network, thresholds: MonitorThresholds(configFetch: .seconds(300)),
                controllerMetrics: "http://127.0.0.1:\(port)/metrics", follow: true, interval: .milliseconds(100)
            ) { harness, client in
                // Wait for the controller's first snapshot, then both devices fetch once.
                let deadline = ContinuousClock.now + .seconds(20)
                while try await fetch("ams-dz01") != 200, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(try await fetch("fra-dz01") == 200)
                try await Task.sleep(for: .milliseconds(400))
                #expect(try await MonitorHarness.openAlerts(client).allSatisfy { $0.kind != "device_config_stale" })
                let devices = try await MonitorHarness.json(client, "/devices.json")
                let rows = try #require(devices["devices"] as? [[String: Any]])
                #expect(rows.allSatisfy { $0["last_config_fetch"] is String })
                // Five minutes pass; only ams-dz01 fetches again.
                harness.clock.advance(by: 301)
                #expect(try await fetch("ams-dz01") == 200)
                // Until a scrape sees ams-dz01's new request, it looks stale too (the clock jumped
                // five minutes at once): wait for the scrape that tells the two apart.
                try await waitFor { alerts in
                    alerts.contains { $0.kind == "device_config_stale" && $0.subject == "fra-dz01" }
                        && !alerts.contains { $0.kind == "device_config_stale" && $0.subject == "ams-dz01" }
                }
                let message = try await MonitorHarness.expectOpen(.deviceConfigStale, subject: "fra-dz01", client)
                #expect(message.contains("last fetched its config 5m"))
                #expect(try await fetch("fra-dz01") == 200)
                try await waitFor { alerts in !alerts.contains { $0.kind == "device_config_stale" } }
                try await MonitorHarness.expectCleared(.deviceConfigStale, client)
                // The controller goes away.
                serverTask.cancel()
                _ = await serverTask.result
                try await waitFor { alerts in alerts.contains { $0.kind == "controller_unreachable" } }

                func waitFor(_ condition: ([(kind: String, subject: String, message: String)]) -> Bool) async throws {
                    let deadline = ContinuousClock.now + .seconds(20)
                    while ContinuousClock.now < deadline {
                        if condition(try await MonitorHarness.openAlerts(client)) { return }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    Issue.record(
                        "timed out; open: \(try await MonitorHarness.openAlerts(client).map { "\($0.kind) \($0.subject)" })"
                    )
                    throw CancellationError()
                }
            }
        } catch {
            serverTask.cancel()
            controllerTask.cancel()
            await network.tearDown()
            throw error
        }
        serverTask.cancel()
        controllerTask.cancel()
        await network.tearDown()
    }
}
