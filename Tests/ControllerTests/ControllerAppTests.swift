import AppTestSupport
import NetworkTestSupport
import Crypto
import Foundation
import Ledger
import Models
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `doublezero-controller render` and a smoke test of `serve`, run as binaries against a served
/// ledger (the service itself is tested in-process in ``ControllerServiceTests``).
@Suite("doublezero-controller", .serialized)
struct ControllerAppTests {
    @Test("render prints a device's config; the ledger may be a URL or the file")
    func render() async throws {
        try await withNetwork { network in
            let arguments = ["--device", "ams-dz01", "--no-hardware", "--max-user-tunnel-slots", "2"]
            let run = try await AppRun.run("doublezero-controller", ["render", "--ledger", network.url] + arguments)
            #expect(run.exitCode == 0, "stderr: \(run.standardError)")
            let text = run.standardOutput
            #expect(text.hasPrefix("!\nlogging buffered 128000\n"))
            #expect(text.contains(" description fra-dz01-ipv4\n"))
            #expect(text.contains("ip community-list COMM-XAMS_USERS permit 21682:10000\n"))
            #expect(text.contains("ip community-list COMM-XFRA_USERS permit 21682:10001\n"))
            #expect(text.contains("default interface Tunnel501\n") && !text.contains("Tunnel502"))
            #expect(text.hasSuffix("      description fra-dz01\n"))

            // By public key, and from the ledger file itself, is the same text.
            let key = try #require(
                try await network.service.currentState().devices.values.first { $0.code == "ams-dz01" })
            let byKey = try await AppRun.run(
                "doublezero-controller",
                [
                    "render", "--ledger", network.url, "--device", key.pubkey.base58, "--no-hardware",
                    "--max-user-tunnel-slots", "2",
                ])
            #expect(byKey.standardOutput == text)
            let fromFile = try await AppRun.run(
                "doublezero-controller", ["render", "--ledger", network.ledgerPath] + arguments)
            #expect(fromFile.standardOutput == text, "stderr: \(fromFile.standardError)")
        }
    }

    @Test("render names an unknown device and every reason a device gets no config")
    func renderErrors() async throws {
        try await withNetwork { network in
            try await network.addDevice("lon-dz01", exchange: "xams", number: 3, loopbacks: false)
            let unknown = try await AppRun.run(
                "doublezero-controller", ["render", "--ledger", network.url, "--device", "nope"])
            #expect(unknown.exitCode == 1)
            #expect(unknown.standardError == "Error: no device with code or public key 'nope' in the ledger\n")
            #expect(unknown.standardOutput.isEmpty)
            let broken = try await AppRun.run(
                "doublezero-controller", ["render", "--ledger", network.url, "--device", "lon-dz01"])
            #expect(broken.exitCode == 1)
            #expect(
                broken.standardError
                    == "Error: cannot render config for device lon-dz01: [no or invalid VPNv4 loopback interface found "
                    + "for device, no or invalid IPv4 loopback interface found for device]\n")
            // The broken device is nobody's peer.
            let healthy = try await AppRun.run(
                "doublezero-controller", ["render", "--ledger", network.url, "--device", "ams-dz01"])
            #expect(healthy.exitCode == 0)
            #expect(!healthy.standardOutput.contains("lon-dz01"))
        }
    }

    @Test("serve (the binary): listens, serves a config and Prometheus metrics, stops on SIGTERM")
    func serveSmoke() async throws {
        try await withNetwork { network in
            try await withScratchDirectory { directory in
                let controller = try BackgroundApp(
                    "doublezero-controller",
                    ["serve", "--ledger", network.url, "--listen", "127.0.0.1:0", "--no-hardware"], in: directory)
                let line = try #require(
                    await controller.waitForOutputLine(startingWith: "listening on "),
                    "no listening line; stderr: \(controller.standardError)")
                let base = "http://" + line.dropFirst("listening on ".count)
                for _ in 0..<200 where try await HTTP.get("\(base)/healthz").status != 200 {
                    try await Task.sleep(for: .milliseconds(25))
                }
                let config = try await HTTP.get("\(base)/v1/devices/ams-dz01/config")
                #expect(config.status == 200)
                #expect(config.headers["etag"] != nil)
                let metrics = try await HTTP.get("\(base)/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.body.contains("controller_config_requests_total{"), "\(metrics.body)")
                #expect(metrics.body.contains("controller_snapshot_age_seconds "))
                // A long-poll in flight does not hold up the stop: it is answered at once.
                let etag = try #require(config.headers["etag"])
                let waiting = Task {
                    try await HTTP.get("\(base)/v1/devices/ams-dz01/config?wait=60", headers: ["If-None-Match": etag])
                }
                try await Task.sleep(for: .milliseconds(300))
                let stopping = ContinuousClock.now
                #expect(await controller.stop() == 0)
                #expect(ContinuousClock.now - stopping < .seconds(5), "the stop waited for the long-poll")
                #expect((try? await waiting.value)?.status ?? 304 == 304)
                #expect(controller.standardError.contains("snapshot built"))
            }
        }
    }
}

/// Runs `body` with a fresh network, tearing it down afterwards even when `body` throws.
func withNetwork(_ body: (ServedTestNetwork) async throws -> Void) async throws {
    let network = try await ServedTestNetwork()
    do {
        try await body(network)
    } catch {
        await network.tearDown()
        throw error
    }
    await network.tearDown()
}

/// A minimal HTTP GET for the tests.
enum HTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func get(_ url: String, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }
}
