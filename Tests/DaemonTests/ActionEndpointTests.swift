import DaemonService
import DaemonTestSupport
import Foundation
import Models
import Testing

/// `POST /enable`, `/disable`, `/provision`, `/remove`: upstream's bodies and status strings, and
/// nothing changed when a request is refused or fails.
@Suite("Daemon API: actions")
struct ActionEndpointTests {
    static let ok = #"{"status":"ok"}"#

    /// The JSON error body upstream answers with.
    static func error(_ description: String) throws -> JSONValue {
        .object(["status": .string("error"), "description": .string(description)])
    }

    @Test("/enable and /disable persist state.json, then signal the reconciler")
    func enableDisable() async throws {
        try await APIHarness.run { harness in
            #expect(harness.backend.reconcilerSignals == [false])
            let enabled = try await harness.post("/enable")
            #expect(enabled.status == .ok)
            #expect(try enabled.json() == JSONValue(parsing: Self.ok))
            #expect(try harness.stateFile.read() == DaemonState(reconcilerEnabled: true))
            #expect(harness.backend.reconcilerSignals == [false, true])
            #expect(try await harness.get("/v2/status").json()["reconciler_enabled"] == .bool(true))

            let disabled = try await harness.post("/disable")
            #expect(disabled.status == .ok)
            #expect(try disabled.json() == JSONValue(parsing: Self.ok))
            #expect(try harness.stateFile.read() == DaemonState(reconcilerEnabled: false))
            #expect(harness.backend.reconcilerSignals == [false, true, false])
            #expect(try await harness.get("/v2/status").json()["reconciler_enabled"] == .bool(false))
        }
    }

    @Test("/enable when state.json cannot be written is 500, and nothing changes")
    func enableUnwritable() async throws {
        try await APIHarness.run { harness in
            // A directory where the temporary file goes makes the write fail.
            try FileManager.default.createDirectory(
                atPath: harness.stateFile.path + ".tmp", withIntermediateDirectories: false)
            let reply = try await harness.post("/enable")
            #expect(reply.status == .internalServerError)
            let body = try reply.json()
            #expect(body["status"] == .string("error"))
            guard case .string(let description) = body["description"] else {
                Issue.record("no description in \(body)")
                return
            }
            #expect(description.contains(harness.stateFile.path))
            #expect(try harness.stateFile.read() == DaemonState(reconcilerEnabled: false))
            #expect(await harness.state.reconcilerEnabled == false)
            #expect(harness.backend.reconcilerSignals == [false])
        }
    }

    @Test("/provision with upstream's ProvisionRequest provisions the validated service")
    func provision() async throws {
        try await APIHarness.run { harness in
            let reply = try await harness.post(
                "/provision",
                """
                {"user_type": "IBRL", "tunnel_src": "203.0.113.10", "tunnel_dst": "198.51.100.7",
                 "tunnel_net": "169.254.0.0/31", "doublezero_ip": "203.0.113.10",
                 "doublezero_prefixes": ["10.0.0.0/24"], "mcast_sub_groups": [], "mcast_pub_groups": [],
                 "bgp_local_asn": 0, "bgp_remote_asn": 21682}
                """)
            #expect(reply.status == .ok)
            #expect(try reply.json() == JSONValue(parsing: Self.ok))
            let service = try #require(harness.backend.provisioned[.unicast])
            #expect(service.userType == .ibrl)
            #expect(service.tunnelNet == "169.254.0.0/31")
            #expect(service.localOverlay == "169.254.0.1" && service.remoteOverlay == "169.254.0.0")
            #expect(service.doubleZeroPrefixes == ["10.0.0.0/24"])
            #expect(service.localASN == 65000 && service.remoteASN == 21682)
            #expect(service.rendezvousPoint == "10.0.0.0")
            #expect(try await harness.get("/status").json()[0]?["tunnel_name"] == .string("doublezero0"))
        }
    }

    /// A malformed or invalid provision body and the description upstream answers with.
    struct RefusedBody: Sendable, CustomTestStringConvertible {
        let body: String
        let description: String
        var testDescription: String { body }
    }

    static let refusedBodies: [RefusedBody] = [
        RefusedBody(body: "{", description: "malformed provision request: not JSON"),
        RefusedBody(body: "[]", description: "malformed provision request: "),
        RefusedBody(
            body: #"{"user_type": "IBRL", "tunnel_net": 31}"#,
            description: "malformed provision request: at tunnel_net: "),
        RefusedBody(
            body: #"{"user_type": "IBRL", "tunnel_dst": "198.51.100.7", "doublezero_ip": "203.0.113.10"}"#,
            description: "invalid request: tunnel_net is required"),
        RefusedBody(
            body: #"{"user_type": "IBRL", "tunnel_net": "169.254.0.0/30", "tunnel_dst": "198.51.100.7"}"#,
            description: "invalid request: tunnel_net '169.254.0.0/30' must be a /31"),
        RefusedBody(
            body: #"{"user_type": "IBRL", "tunnel_net": "nope", "tunnel_dst": "198.51.100.7"}"#,
            description: "invalid request: tunnel_net 'nope' is not an IPv4 network"),
        RefusedBody(
            body: #"{"user_type": "Bogus", "tunnel_net": "169.254.0.0/31"}"#,
            description: "invalid request: user_type 'Bogus' is not one of"),
        RefusedBody(
            body: #"{"tunnel_net": "169.254.0.0/31", "tunnel_dst": "198.51.100.7"}"#,
            description: "invalid request: user_type is required"),
        RefusedBody(
            body: #"{"user_type": "IBRL", "tunnel_net": "169.254.0.0/31", "tunnel_dst": "198.51.100.7"}"#,
            description: "invalid request: doublezero_ip is required for IBRL"),
        RefusedBody(
            body: """
                {"user_type": "IBRL", "tunnel_net": "169.254.0.0/31", "tunnel_dst": "198.51.100.7",
                 "doublezero_ip": "203.0.113.10", "tunnel_src": "1.2.3"}
                """,
            description: "invalid request: tunnel_src '1.2.3' is not an IPv4 address"),
        RefusedBody(
            body: #"{"user_type": "Multicast", "tunnel_net": "169.254.0.0/31", "tunnel_dst": "198.51.100.7"}"#,
            description: "invalid request: no multicast publisher or subscriber groups specified"),
        RefusedBody(
            body: """
                {"user_type": "Multicast", "tunnel_net": "169.254.0.0/31", "tunnel_dst": "198.51.100.7",
                 "mcast_sub_groups": ["10.1.1.1"]}
                """,
            description: "invalid request: mcast_sub_groups entry '10.1.1.1' is not an IPv4 multicast address"),
        RefusedBody(
            body: """
                {"user_type": "IBRL", "tunnel_net": "169.254.0.0/31", "tunnel_dst": "198.51.100.7",
                 "doublezero_ip": "203.0.113.10", "mcast_rp_address": "x"}
                """,
            description: "invalid request: mcast_rp_address 'x' is not an IPv4 address"),
    ]

    @Test(
        "a malformed or invalid /provision body is 400 with the reason, and nothing is provisioned",
        arguments: refusedBodies)
    func provisionRefused(_ refused: RefusedBody) async throws {
        try await APIHarness.run { harness in
            let reply = try await harness.post("/provision", refused.body)
            #expect(reply.status == .badRequest)
            let body = try reply.json()
            #expect(body.keys == ["status", "description"])
            #expect(body["status"] == .string("error"))
            guard case .string(let description) = body["description"] else {
                Issue.record("no description in \(body)")
                return
            }
            #expect(description.hasPrefix(refused.description), "\(description)")
            #expect(!harness.backend.calls.contains("provision"))
            #expect(harness.backend.provisioned.isEmpty)
        }
    }

    @Test("an empty /provision body is 400 malformed")
    func provisionEmpty() async throws {
        try await APIHarness.run { harness in
            let reply = try await harness.post("/provision", "")
            #expect(reply.status == .badRequest)
            #expect(try reply.json() == Self.error("malformed provision request: the request body is empty"))
            #expect(harness.backend.calls.isEmpty)
        }
    }

    @Test("a second service of the same class is 400 with upstream's message; the first stays")
    func provisionTwice() async throws {
        try await APIHarness.run { harness in
            let body = try String(decoding: JSONEncoder().encode(ProvisionRequest(.ibrl)), as: UTF8.self)
            #expect(try await harness.post("/provision", body).status == .ok)
            var second = ServiceRequest.ibrl
            second.userType = .ibrlWithAllocatedIP
            second.doubleZeroIP = "198.51.100.99"
            let secondBody = try String(decoding: JSONEncoder().encode(ProvisionRequest(second)), as: UTF8.self)
            let reply = try await harness.post("/provision", secondBody)
            #expect(reply.status == .badRequest)
            #expect(try reply.json() == Self.error("malformed stuff: unicast service already provisioned"))
            #expect(harness.backend.provisioned[.unicast] == .ibrl)
            // A multicast service may join the unicast one (RFC 13).
            let multicast = try String(decoding: JSONEncoder().encode(ProvisionRequest(.subscriber)), as: UTF8.self)
            #expect(try await harness.post("/provision", multicast).status == .ok)
            #expect(harness.backend.provisioned.count == 2)
        }
    }

    @Test("backend failures map to upstream's statuses: provisioning 400, unavailable 503")
    func provisionFailures() async throws {
        let body = try String(decoding: JSONEncoder().encode(ProvisionRequest(.ibrl)), as: UTF8.self)
        try await APIHarness.run { harness in
            harness.backend.fail("provision", with: .provisioningFailed("netlink: operation not permitted"))
            let reply = try await harness.post("/provision", body)
            #expect(reply.status == .badRequest)
            #expect(try reply.json() == Self.error("malformed stuff: netlink: operation not permitted"))
        }
        try await APIHarness.run { harness in
            harness.backend.fail("provision", with: .unavailable("the reconciler is not built yet"))
            let reply = try await harness.post("/provision", body)
            #expect(reply.status == .serviceUnavailable)
            #expect(try reply.json() == Self.error("the reconciler is not built yet"))
        }
    }

    @Test("/remove removes the named type's class; missing or unknown types mean IBRL")
    func remove() async throws {
        try await APIHarness.run { harness in
            try await harness.backend.provision(.ibrl)
            try await harness.backend.provision(.subscriber)
            let multicast = try await harness.post("/remove", #"{"user_type": "Multicast"}"#)
            #expect(multicast.status == .ok)
            #expect(try multicast.json() == JSONValue(parsing: Self.ok))
            #expect(Set(harness.backend.provisioned.keys) == [.unicast])

            try await harness.backend.provision(.subscriber)
            #expect(try await harness.post("/remove", #"{"user_type": "Whatever"}"#).status == .ok)
            #expect(Set(harness.backend.provisioned.keys) == [.multicast])

            try await harness.backend.provision(.ibrl)
            #expect(try await harness.post("/remove", "{}").status == .ok)
            #expect(Set(harness.backend.provisioned.keys) == [.multicast])
            #expect(try await harness.get("/status").json()[0]?["user_type"] == .string("Multicast"))
        }
    }

    @Test("a malformed /remove body is 400; a failed teardown is 500 with upstream's message")
    func removeErrors() async throws {
        try await APIHarness.run { harness in
            try await harness.backend.provision(.ibrl)
            let malformed = try await harness.post("/remove", #"{"user_type": 3}"#)
            #expect(malformed.status == .badRequest)
            let body = try malformed.json()
            guard case .string(let description) = body["description"] else {
                Issue.record("no description in \(body)")
                return
            }
            #expect(description.hasPrefix("malformed remove request: at user_type"))
            #expect(!harness.backend.calls.contains("remove"))

            harness.backend.fail("remove", with: .removalFailed("link doublezero0: device busy"))
            let failed = try await harness.post("/remove", #"{"user_type": "IBRL"}"#)
            #expect(failed.status == .internalServerError)
            #expect(try failed.json() == Self.error("error during tunnel removal: link doublezero0: device busy"))
            #expect(harness.backend.provisioned[.unicast] == .ibrl)
        }
    }
}
