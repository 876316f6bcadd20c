import AppTestSupport
import Foundation
import NetworkTestSupport
import Testing

/// The `doublezero-monitor run` binary on a served ledger, as an operator runs it.
@Suite("doublezero-monitor run")
struct MonitorAppTests {
    @Test("listens, serves the dashboard, its JSON and /metrics, and stops cleanly on SIGTERM")
    func runs() async throws {
        let network = try await ServedTestNetwork()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let app = try BackgroundApp(
            "doublezero-monitor", ["run", "--ledger", network.url, "--listen", "127.0.0.1:0", "--interval", "1s"],
            in: folder)
        do {
            let line = try #require(await app.waitForOutputLine(startingWith: "listening on "), "\(app.standardError)")
            let port = try #require(UInt16(line.split(separator: ":").last ?? ""))
            let http = RawHTTPClient(address: .loopback(port: port))
            var health = try await http.get("/healthz")
            let deadline = ContinuousClock.now + .seconds(20)
            while health.status != 200, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                health = try await http.get("/healthz")
            }
            #expect(health.status == 200)
            let devices = try await http.get("/devices.json")
            #expect(devices.status == 200 && devices.body.contains("\"code\":\"ams-dz01\""))
            let page = try await http.get("/devices")
            #expect(page.status == 200 && page.body.contains("data-device=\"fra-dz01\""))
            let metrics = try await http.get("/metrics")
            #expect(metrics.body.contains("doublezero_monitor_alerts_open{"))
            #expect(
                metrics.body.contains(#"doublezero_monitor_device_user_limit{device_code="ams-dz01",family="unicast"}"#)
            )
            // The network's devices lack a second tunnel endpoint: the alert is logged once.
            #expect(app.standardError.contains("alert opened: device ams-dz01 has 1 user tunnel endpoint"))
        } catch {
            _ = await app.stop()
            await network.tearDown()
            throw error
        }
        #expect(await app.stop() == 0, "\(app.standardError.suffix(2000))")
        #expect(app.standardError.contains("monitor stopped"))
        await network.tearDown()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test(
        "bad options are refused with the option's name",
        arguments: [
            (["--pool-threshold", "0"], "--pool-threshold"), (["--interval", "0s"], "--interval"),
            (["--controller-metrics", "ftp://x/metrics"], "--controller-metrics"), (["--history", "-1"], "--history"),
            (["--listen", "nonsense"], "--listen"),
        ])
    func badOptions(_ arguments: [String], _ option: String) async throws {
        let run = try await AppRun.run("doublezero-monitor", ["run", "--ledger", "ledger.sqlite"] + arguments)
        #expect(run.exitCode == 64, "\(run.allOutput)")
        #expect(run.standardError.contains(option), "\(run.standardError)")
    }
}
