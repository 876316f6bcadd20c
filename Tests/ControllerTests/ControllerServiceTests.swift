import ControllerService
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Ledger
import MetricsTestKit
import Models
import NetworkTestSupport
import Routing
import Testing

/// The controller service in-process: it follows the ledger through the shared follow session,
/// and its config server answers through HummingbirdTesting.
@Suite("Controller service")
struct ControllerServiceTests {
    /// Runs a controller on `network`'s ledger with test metrics, for `body`.
    private func withController(
        on network: ServedTestNetwork,
        _ body: @Sendable (ControllerService, TestMetrics, any TestClientProtocol) async throws -> Void
    ) async throws {
        let metrics = TestMetrics()
        let controller = ControllerService(
            ledger: network.service, options: DeviceConfigOptions(noHardware: true, tunnelSlotCount: 2),
            metrics: ControllerMetrics(factory: metrics), retryDelay: .milliseconds(50),
            rebuildInterval: .milliseconds(10))
        let running = Task { await controller.runUntilCancelled() }
        defer { running.cancel() }
        let application = Application(
            router: ConfigHTTPServer(current: controller.current, metrics: controller.metrics).makeRouter())
        try await application.test(.router) { client in
            try await body(controller, metrics, client)
        }
    }

    /// GET `uri` (with `If-None-Match` when given): status, ETag and body text.
    private func get(
        _ client: any TestClientProtocol, _ uri: String, ifNoneMatch: String? = nil
    ) async throws -> (status: HTTPResponse.Status, etag: String?, body: String) {
        var headers: HTTPFields = [:]
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        return try await client.execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, response.headers[.eTag], String(buffer: response.body))
        }
    }

    /// Polls `uri` until `condition` holds for the reply (or a few seconds pass); returns the last reply.
    private func poll(
        _ client: any TestClientProtocol, _ uri: String, ifNoneMatch: String? = nil,
        until condition: ((status: HTTPResponse.Status, etag: String?, body: String)) -> Bool
    ) async throws -> (status: HTTPResponse.Status, etag: String?, body: String) {
        var reply = try await get(client, uri, ifNoneMatch: ifNoneMatch)
        for _ in 0..<400 where !condition(reply) {
            try await Task.sleep(for: .milliseconds(25))
            reply = try await get(client, uri, ifNoneMatch: ifNoneMatch)
        }
        return reply
    }

    @Test("serves each config with an ETag, 304 on a match, and follows ledger changes")
    func servesAndFollows() async throws {
        try await withNetwork { network in
            try await withController(on: network) { controller, metrics, client in
                let path = "/v1/devices/ams-dz01/config"
                let healthy = try await poll(client, "/healthz") { $0.status == .ok }
                #expect(healthy.status == .ok)
                let first = try await get(client, path)
                #expect(first.status == .ok)
                let etag = try #require(first.etag)
                #expect(etag == "\"\(Hex.encode(Array(SHA256.hash(data: Data(first.body.utf8)))))\"")
                #expect(first.body.contains("ip community-list COMM-XAMS_USERS permit 21682:10000\n"))
                #expect(first.body.contains("default interface Tunnel501\n") && !first.body.contains("Tunnel502"))

                let again = try await get(client, path, ifNoneMatch: etag)
                #expect(again.status == .notModified)
                #expect(again.body.isEmpty)

                // A ledger change reaches the served config: xams gets community 10500.
                _ = try await network.service.submit(
                    [.updateExchange(UpdateExchangeArgs(pubkey: network.exchanges["xams"]!, bgpCommunity: 10500))],
                    signedBy: network.foundation)
                let updated = try await poll(client, path, ifNoneMatch: etag) { $0.status == .ok }
                #expect(updated.status == .ok)
                #expect(updated.etag != etag)
                #expect(updated.body.contains("ip community-list COMM-XAMS_USERS permit 21682:10500\n"))

                let status = await controller.followStatus
                #expect(status.phase == .following)
                #expect(status.appliedSequence == (try await network.service.head().sequence))
                #expect(try metrics.expectCounter("controller_cache_update_ops_total").totalValue >= 2)
                let served = try metrics.expectGauge("controller_snapshot_ledger_sequence").lastValue
                #expect(served == Double(status.appliedSequence))
            }
        }
    }

    @Test("a long-poll (If-None-Match with wait) answers 304 after the wait, and at once with the new text on a change")
    func longPoll() async throws {
        try await withNetwork { network in
            try await withController(on: network) { controller, metrics, client in
                _ = try await poll(client, "/healthz") { $0.status == .ok }
                for path in ["/v1/devices/ams-dz01/config?flavour=frr", "/v1/devices/ams-dz01/model"] {
                    let separator = path.contains("?") ? "&" : "?"
                    let first = try await get(client, path)
                    let etag = try #require(first.etag)
                    // Nothing changes: 304 once the wait is over, not before.
                    let started = ContinuousClock.now
                    let idle = try await get(client, path + separator + "wait=1", ifNoneMatch: etag)
                    #expect(idle.status == .notModified)
                    #expect(ContinuousClock.now - started >= .milliseconds(900))
                    #expect(
                        try await get(client, path + separator + "wait=-1", ifNoneMatch: etag).status == .badRequest)
                    #expect(
                        try await get(client, path + separator + "wait=61", ifNoneMatch: etag).status == .badRequest)
                    #expect(
                        try await get(client, path + separator + "wait=soon", ifNoneMatch: etag).status == .badRequest)
                    // Without a matching tag there is nothing to wait for.
                    let quick = try await get(client, path + separator + "wait=30", ifNoneMatch: "\"other\"")
                    #expect(quick.status == .ok && quick.etag == etag)
                }
                // A change while a long-poll waits wakes it with the new text.
                let path = "/v1/devices/ams-dz01/config?flavour=frr"
                let etag = try #require(try await get(client, path).etag)
                let waiting = Task { try await get(client, path + "&wait=30", ifNoneMatch: etag) }
                try await Task.sleep(for: .milliseconds(300))
                let started = ContinuousClock.now
                _ = try await network.service.submit(
                    [.updateExchange(UpdateExchangeArgs(pubkey: network.exchanges["xams"]!, bgpCommunity: 10700))],
                    signedBy: network.foundation)
                let woken = try await waiting.value
                #expect(woken.status == .ok)
                #expect(woken.etag != etag)
                #expect(woken.body.contains("21682:10700"))
                #expect(ContinuousClock.now - started < .seconds(5))
            }
        }
    }

    @Test("refuses unknown, hostile and broken devices with their statuses, and counts requests")
    func errorsAndMetrics() async throws {
        try await withNetwork { network in
            try await withController(on: network) { controller, metrics, client in
                let path = "/v1/devices/ams-dz01/config"
                _ = try await poll(client, "/healthz") { $0.status == .ok }
                let first = try await get(client, path)
                _ = try await get(client, path, ifNoneMatch: try #require(first.etag))

                let unknown = try await get(client, "/v1/devices/nope/config")
                #expect(unknown.status == .notFound)
                #expect(unknown.body == "no device with code or public key 'nope' in the ledger\n")
                let hostile = try await get(client, "/v1/devices/\(String(repeating: "a", count: 200))/config")
                #expect(hostile.status == .badRequest)
                let badPeers = try await get(client, "\(path)?bgp-peers=169.254.9.9,../etc")
                #expect(badPeers.status == .badRequest)
                let peers = try await get(client, "\(path)?bgp-peers=169.254.9.9")
                #expect(peers.status == .ok)
                #expect(peers.body.contains("router bgp 65342\n   no neighbor 169.254.9.9\n"))

                try await network.addDevice("lon-dz01", exchange: "xams", number: 3, loopbacks: false)
                let conflict = try await poll(client, "/v1/devices/lon-dz01/config") { $0.status != .notFound }
                #expect(conflict.status == .conflict)
                #expect(conflict.body.hasPrefix("cannot render config for device lon-dz01: ["))

                let ams = try #require(
                    try await network.service.currentState().devices.values.first { $0.code == "ams-dz01" })
                func requests(_ status: Int) throws -> Int64 {
                    try metrics.expectCounter(
                        "controller_config_requests_total",
                        [("device_code", "ams-dz01"), ("pubkey", ams.pubkey.base58), ("status", String(status))]
                    ).totalValue
                }
                #expect(try requests(200) == 2)
                #expect(try requests(304) == 1)
                #expect(try metrics.expectCounter("controller_config_unknown_device_total").totalValue == 1)
                #expect(metrics.counters(label: "controller_config_render_errors_total").count == 1)
                controller.metrics.recordSnapshotAge(of: controller.current.snapshot)
                #expect(try metrics.expectGauge("controller_snapshot_age_seconds").lastValue != nil)
            }
        }
    }

    @Test("serves the FRR flavour and the device model with their own ETags, 304s, and ledger changes")
    func frrFlavourAndModel() async throws {
        try await withNetwork { network in
            try await withController(on: network) { _, _, client in
                _ = try await poll(client, "/healthz") { $0.status == .ok }
                let eos = try await get(client, "/v1/devices/ams-dz01/config?flavour=eos")
                let plain = try await get(client, "/v1/devices/ams-dz01/config")
                #expect(eos.status == .ok && eos.body == plain.body && eos.etag == plain.etag)

                let frrPath = "/v1/devices/ams-dz01/config?flavour=frr"
                let frr = try await get(client, frrPath)
                #expect(frr.status == .ok)
                let frrTag = try #require(frr.etag)
                #expect(frrTag == "\"\(Hex.encode(Array(SHA256.hash(data: Data(frr.body.utf8)))))\"")
                #expect(frrTag != plain.etag)
                #expect(frr.body.hasPrefix("frr defaults traditional\nbgp route-map delay-timer 1\n!\ninterface lo\n"))
                #expect(frr.body.contains("bgp community-list standard COMM-XAMS_USERS seq 5 permit 21682:10000\n"))
                #expect(frr.body.hasSuffix("end\n") && !frr.body.contains("default interface"))
                #expect(try await get(client, frrPath, ifNoneMatch: frrTag).status == .notModified)
                // The peer list is EOS's business: the FRR text does not change with it.
                let frrWithPeers = try await get(client, frrPath + "&bgp-peers=169.254.9.9")
                #expect(frrWithPeers.etag == frrTag)

                let modelPath = "/v1/devices/ams-dz01/model"
                let model = try await client.execute(uri: modelPath, method: .get) { response in
                    (
                        response.status, response.headers[.eTag], response.headers[.contentType],
                        String(buffer: response.body)
                    )
                }
                #expect(model.0 == .ok && model.2 == "application/json")
                let modelTag = try #require(model.1)
                let decoded = try DeviceModel.decode(jsonText: model.3)
                #expect(decoded.code == "ams-dz01" && decoded.exchangeCommunity == "21682:10000")
                #expect(decoded.publicIp == "45.0.1.1" && decoded.userTunnels.isEmpty && decoded.version == 1)
                #expect(try await get(client, modelPath, ifNoneMatch: "W/\(modelTag)").status == .notModified)
                #expect(try await get(client, "/v1/devices/\(decoded.pubkey.base58)/model").etag == modelTag)

                // A ledger change reaches both: xams gets community 10500.
                _ = try await network.service.submit(
                    [.updateExchange(UpdateExchangeArgs(pubkey: network.exchanges["xams"]!, bgpCommunity: 10500))],
                    signedBy: network.foundation)
                let updatedFRR = try await poll(client, frrPath, ifNoneMatch: frrTag) { $0.status == .ok }
                #expect(updatedFRR.body.contains("COMM-XAMS_USERS seq 5 permit 21682:10500\n"))
                let updatedModel = try await get(client, modelPath, ifNoneMatch: modelTag)
                #expect(updatedModel.status == .ok && updatedModel.etag != modelTag)
                #expect(try DeviceModel.decode(jsonText: updatedModel.body).exchangeCommunity == "21682:10500")
            }
        }
    }

    @Test("the FRR flavour and the model refuse as the EOS config does; an unknown flavour names the allowed ones")
    func frrFlavourAndModelErrors() async throws {
        try await withNetwork { network in
            try await withController(on: network) { _, metrics, client in
                _ = try await poll(client, "/healthz") { $0.status == .ok }
                let junos = try await get(client, "/v1/devices/ams-dz01/config?flavour=junos")
                #expect(junos.status == .badRequest)
                #expect(junos.body == "unknown config flavour 'junos': use one of eos, frr\n")
                for path in ["/v1/devices/nope/config?flavour=frr", "/v1/devices/nope/model"] {
                    let unknown = try await get(client, path)
                    #expect(unknown.status == .notFound)
                    #expect(unknown.body == "no device with code or public key 'nope' in the ledger\n")
                }
                let long = String(repeating: "a", count: 200)
                #expect(try await get(client, "/v1/devices/\(long)/model").status == .badRequest)
                try await network.addDevice("lon-dz01", exchange: "xams", number: 3, loopbacks: false)
                for path in ["/v1/devices/lon-dz01/config?flavour=frr", "/v1/devices/lon-dz01/model"] {
                    let conflict = try await poll(client, path) { $0.status != .notFound }
                    #expect(conflict.status == .conflict)
                    #expect(conflict.body.hasPrefix("cannot render config for device lon-dz01: ["))
                }
                #expect(try metrics.expectCounter("controller_config_unknown_device_total").totalValue == 2)
            }
        }
    }

    @Test("before the first snapshot every device route answers 503")
    func notLoadedYet() async throws {
        let server = ConfigHTTPServer(current: CurrentSnapshot(), metrics: ControllerMetrics(factory: TestMetrics()))
        try await Application(router: server.makeRouter()).test(.router) { client in
            for path in [
                "/v1/devices/ams-dz01/config", "/v1/devices/ams-dz01/config?flavour=frr", "/v1/devices/ams-dz01/model",
            ] {
                let reply = try await get(client, path)
                #expect(reply.status == .serviceUnavailable, "\(path)")
                #expect(reply.body == "the controller has not loaded the ledger yet; retry shortly\n")
            }
        }
    }
}
