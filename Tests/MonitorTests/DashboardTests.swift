import AppTestSupport
import Foundation
import HummingbirdTesting
import Ledger
import Models
import MonitorService
import NetworkTestSupport
import Testing

/// The dashboard: every page and its JSON twin, the live-update fragment, bad queries, escaping,
/// the JSON validated against the committed schemas, and the pages in headless Chromium.
@Suite("Monitor dashboard")
struct DashboardTests {
    /// The schemas committed beside the service.
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Apps/MonitorService/Schemas").standardizedFileURL
    static let validator = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/Dashboard/validate-json.py").standardizedFileURL
    static let pages = ["overview", "exchanges", "devices", "links", "users", "pools", "alerts"]

    /// Runs `body` with a network (a link, two users, one pending) and its monitor, torn down after.
    private static func withNetwork(
        live: Bool = false, _ body: @Sendable (MonitorHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let network = try await ServedTestNetwork()
        do {
            let state = try await network.service.currentState()
            let ams = try #require(state.devices.values.first { $0.code == "ams-dz01" }).pubkey
            let fra = try #require(state.devices.values.first { $0.code == "fra-dz01" }).pubkey
            try await network.addLink(ams, fra, code: "ams-dz01:fra-dz01")
            let user = try await network.addUser(.ibrl, on: ams, clientIp: IPv4Address(100, 0, 0, 1))
            try await network.waitUntil("the user is activated") { $0.users[user]?.status == .activated }
            try await MonitorHarness.with(network, live: live) { harness, client in try await body(harness, client) }
        } catch {
            await network.tearDown()
            throw error
        }
        await network.tearDown()
    }

    @Test("before the first evaluation every page, JSON and /healthz answer 503")
    func notLoaded() async throws {
        let network = try await ServedTestNetwork()
        try await MonitorHarness.with(network) { _, client in
            for uri in ["/", "/devices", "/devices.json", "/healthz"] {
                let (status, body) = try await MonitorHarness.get(client, uri)
                #expect(status == .serviceUnavailable, "\(uri)")
                #expect(body.contains("has not loaded the ledger yet"))
            }
        }
        await network.tearDown()
    }

    @Test(
        "every page is a whole HTML document with navigation, a fragment on request, and a JSON twin valid against its schema"
    )
    func pagesAndSchemas() async throws {
        try await Self.withNetwork { harness, client in
            await harness.monitor.evaluate(try await harness.ledgerSnapshot())
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "monitor-json-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var arguments = [Self.validator.path, Self.schemas.path]
            for page in Self.pages {
                let path = page == "overview" ? "/" : "/\(page)"
                let (status, html) = try await MonitorHarness.get(client, path)
                #expect(status == .ok)
                #expect(
                    html.hasPrefix("<!doctype html>") && html.contains("<main id=\"content\" data-page=\"\(page)\">"))
                #expect(html.contains("new EventSource('/events')"), "the live-update script")
                #expect(!html.contains("http://") && !html.contains("https://"), "no external assets on \(page)")
                let fragment = try await MonitorHarness.get(
                    client, path, headers: [.init("X-Dashboard-Fragment")!: "1"])
                #expect(
                    fragment.status == .ok && !fragment.body.contains("<html") && fragment.body.contains("status-line"))
                let (jsonStatus, json) = try await MonitorHarness.get(client, "/\(page).json")
                #expect(jsonStatus == .ok)
                let file = folder.appendingPathComponent("\(page).json")
                try Data(json.utf8).write(to: file)
                arguments.append("\(page)=\(file.path)")
            }
            let devices = try await MonitorHarness.get(client, "/devices").body
            #expect(devices.contains("data-device=\"ams-dz01\"") && devices.contains("data-device=\"fra-dz01\""))
            #expect(devices.contains("class=\"capacity-bar bar-ok\""))
            let run = try await AppRun.run(
                executable: URL(fileURLWithPath: "/usr/bin/python3"), arguments, label: "validate-json",
                timeout: .seconds(60))
            #expect(run.exitCode == 0, "\(run.allOutput)")
            #expect(run.standardOutput.split(separator: "\n").count { $0.hasSuffix(": valid") } == Self.pages.count)
        }
    }

    @Test("a page that breaks its schema is caught by the validator")
    func schemaRejects() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pools.json")
        try Data(#"{"status": {}, "threshold_percent": 180, "pools": [{"name": 1}]}"#.utf8).write(to: file)
        let run = try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/python3"),
            [Self.validator.path, Self.schemas.path, "pools=\(file.path)"],
            label: "validate-json", timeout: .seconds(60))
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.contains("pools: invalid at threshold_percent"))
    }

    @Test("/users filters and pages; bad query values answer 400 naming the parameter")
    func usersQuery() async throws {
        try await Self.withNetwork { harness, client in
            await harness.monitor.evaluate(try await harness.ledgerSnapshot())
            let all = try await MonitorHarness.json(client, "/users.json")
            #expect(all["total"] as? Int == 1)
            let none = try await MonitorHarness.json(client, "/users.json?device=fra-dz01")
            #expect(none["total"] as? Int == 0)
            let paged = try await MonitorHarness.json(client, "/users.json?limit=1&offset=1")
            #expect((paged["users"] as? [Any])?.isEmpty == true && paged["offset"] as? Int == 1)
            for (query, word) in [
                ("limit=0", "limit"), ("offset=-1", "offset"), ("status=asleep", "status"), ("type=x", "type"),
            ] {
                let (status, body) = try await MonitorHarness.get(client, "/users.json?\(query)")
                #expect(status == .badRequest, "\(query)")
                #expect(body.hasPrefix(word + " must be"), "\(query): \(body)")
            }
        }
    }

    @Test("text from the ledger is escaped in the HTML")
    func escaping() async throws {
        try await Self.withNetwork { harness, client in
            var state = try await harness.network.service.currentState()
            var xams = try #require(state.exchanges.values.first { $0.code == "xams" })
            xams.name = "<img src=x onerror=alert(1)>"
            state.put(.exchange(xams))
            await harness.evaluate(state)
            let html = try await MonitorHarness.get(client, "/exchanges").body
            #expect(!html.contains("<img src=x"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        }
    }

    @Test(
        "in headless Chromium: devices with capacity bars, and an alert opened while the overview is open appears without a reload"
    )
    func browser() async throws {
        try await Self.withNetwork(live: true) { harness, client in
            await harness.monitor.evaluate(try await harness.ledgerSnapshot())
            let output = FileManager.default.temporaryDirectory.appendingPathComponent(
                "monitor-browser-\(UUID().uuidString)")
            let browser = try DashboardBrowser(
                url: "http://127.0.0.1:\(harness.port)", output: output,
                waitAlert: "exchange_community_out_of_range:xams")
            do {
                let (devices, overview) = try await browser.pages()
                #expect(devices.page == "devices" && devices.devices == ["ams-dz01", "fra-dz01"])
                #expect(devices.capacityBars == 4, "a unicast and a multicast bar per device")
                #expect(overview.page == "overview")
                let after = try await browser.openAlertAndCheck {
                    var state = try await harness.network.service.currentState()
                    var xams = try #require(state.exchanges.values.first { $0.code == "xams" })
                    xams.bgpCommunity = 9999
                    state.put(.exchange(xams))
                    await harness.evaluate(state, sequence: 99)
                }
                #expect(after.alerts.contains("exchange_community_out_of_range:xams"), "alerts shown: \(after.alerts)")
                #expect(after.marker == "still-here", "the page was not reloaded")
                for shot in ["devices.png", "overview.png", "overview-alert.png"] {
                    let size =
                        (try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(shot).path)[
                            .size] as? Int) ?? 0
                    #expect(size > 10_000, "\(shot) is a real screenshot")
                }
            } catch {
                await browser.stop()
                throw error
            }
            await browser.stop()
            print("monitor dashboard screenshots: \(output.path)")
        }
    }
}
