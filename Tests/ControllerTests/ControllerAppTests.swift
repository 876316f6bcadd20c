import AppTestSupport
import Crypto
import Foundation
import Ledger
import Models
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `doublezero-controller render` and `serve` run as binaries against a served ledger.
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

    @Test("serve answers with an ETag, 304 on a match, follows ledger changes, and exports metrics")
    func serve() async throws {
        try await withNetwork { network in
            try await withScratchDirectory { directory in
                let controller = try BackgroundApp(
                    "doublezero-controller",
                    [
                        "serve", "--ledger", network.url, "--listen", "127.0.0.1:0", "--no-hardware",
                        "--max-user-tunnel-slots", "2",
                    ],
                    in: directory)
                let line = try #require(
                    await controller.waitForOutputLine(startingWith: "listening on "),
                    "no listening line; stderr: \(controller.standardError)")
                let base = "http://" + line.dropFirst("listening on ".count)
                let path = "\(base)/v1/devices/ams-dz01/config"

                // 503 until the first snapshot is built.
                for _ in 0..<200 where try await HTTP.get("\(base)/healthz").status != 200 {
                    try await Task.sleep(for: .milliseconds(25))
                }
                let first = try await HTTP.get(path)
                #expect(first.status == 200)
                let etag = try #require(first.headers["etag"])
                let digest = Hex.encode(Array(SHA256.hash(data: Data(first.body.utf8))))
                #expect(etag == "\"\(digest)\"")
                #expect(first.body.contains("set community 21682:1200 21682:10000") == false)  // no users yet
                #expect(first.body.contains("ip community-list COMM-XAMS_USERS permit 21682:10000\n"))

                let again = try await HTTP.get(path, headers: ["If-None-Match": etag])
                #expect(again.status == 304)
                #expect(again.body.isEmpty)

                // A ledger change reaches the served config: xams gets community 10500.
                _ = try await network.service.submit(
                    [.updateExchange(UpdateExchangeArgs(pubkey: network.exchanges["xams"]!, bgpCommunity: 10500))],
                    signedBy: network.foundation)
                var changed: HTTP.Reply?
                for _ in 0..<200 {
                    let reply = try await HTTP.get(path, headers: ["If-None-Match": etag])
                    if reply.status == 200 {
                        changed = reply
                        break
                    }
                    try await Task.sleep(for: .milliseconds(25))
                }
                let updated = try #require(changed, "the config never changed")
                #expect(updated.headers["etag"] != etag)
                #expect(updated.body.contains("ip community-list COMM-XAMS_USERS permit 21682:10500\n"))

                let unknown = try await HTTP.get("\(base)/v1/devices/nope/config")
                #expect(unknown.status == 404)
                #expect(unknown.body == "no device with code or public key 'nope' in the ledger\n")
                let hostile = try await HTTP.get("\(base)/v1/devices/\(String(repeating: "a", count: 200))/config")
                #expect(hostile.status == 400)
                let badPeers = try await HTTP.get("\(path)?bgp-peers=169.254.9.9,../etc")
                #expect(badPeers.status == 400)
                let peers = try await HTTP.get("\(path)?bgp-peers=169.254.9.9")
                #expect(peers.status == 200)
                #expect(peers.body.contains("router bgp 65342\n   no neighbor 169.254.9.9\n"))

                try await network.addDevice("lon-dz01", exchange: "xams", number: 3, loopbacks: false)
                var conflict: HTTP.Reply?
                for _ in 0..<200 {
                    let reply = try await HTTP.get("\(base)/v1/devices/lon-dz01/config")
                    if reply.status != 404 {
                        conflict = reply
                        break
                    }
                    try await Task.sleep(for: .milliseconds(25))
                }
                #expect(conflict?.status == 409)
                #expect(conflict?.body.hasPrefix("cannot render config for device lon-dz01: [") == true)

                let metrics = try await HTTP.get("\(base)/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.body.contains("controller_config_requests_total{device_code=\"ams-dz01\""))
                #expect(metrics.body.contains("status=\"304\"} "))
                #expect(metrics.body.contains("status=\"200\"} "))
                #expect(metrics.body.contains("controller_config_unknown_device_total "))
                #expect(!metrics.body.contains("controller_config_unknown_device_total 0\n"))
                #expect(metrics.body.contains("controller_config_render_errors_total{device_code=\"lon-dz01\""))
                #expect(metrics.body.contains("controller_snapshot_age_seconds "))
                #expect(await controller.stop() == 0)
                #expect(controller.standardError.contains("snapshot built"))
            }
        }
    }
}

/// Runs `body` with a fresh network, tearing it down afterwards even when `body` throws.
func withNetwork(_ body: (ControllerTestNetwork) async throws -> Void) async throws {
    let network = try await ControllerTestNetwork()
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
