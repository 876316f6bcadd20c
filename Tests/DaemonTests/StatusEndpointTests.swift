import DaemonService
import DaemonTestSupport
import Foundation
import Models
import Testing

/// `GET /status` and `GET /v2/status`, compared with upstream's JSON shapes.
@Suite("Daemon API: status")
struct StatusEndpointTests {
    @Test("/status with nothing provisioned is exactly upstream's disconnected placeholder")
    func disconnected() async throws {
        try await APIHarness.run { harness in
            let reply = try await harness.get("/status")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/json")
            #expect(
                try reply.json() == JSONValue(parsing: #"[{"doublezero_status": {"session_status": "disconnected"}}]"#))
        }
    }

    @Test("/status lists each service in upstream's StatusResponse shape, unicast first")
    func services() async throws {
        try await APIHarness.run { harness in
            try await harness.backend.provision(.subscriber)
            try await harness.backend.provision(.ibrl)
            harness.backend.with { $0.sessions[.unicast] = SessionStatus(state: .up, lastUpdate: 1_760_464_781) }
            let reply = try await harness.get("/status")
            #expect(reply.status == .ok)
            let expected = try JSONValue(
                parsing: """
                    [{"tunnel_name":"doublezero0","tunnel_src":"203.0.113.10","tunnel_dst":"198.51.100.7",
                      "doublezero_ip":"203.0.113.10",
                      "doublezero_status":{"session_status":"BGP Session Up","last_session_update":1760464781},
                      "user_type":"IBRL"},
                     {"tunnel_name":"doublezero1","tunnel_src":"203.0.113.10","tunnel_dst":"198.51.100.8",
                      "doublezero_ip":"",
                      "doublezero_status":{"session_status":"Pending BGP Session","last_session_update":1760464781},
                      "user_type":"Multicast"}]
                    """)
            #expect(try reply.json() == expected)
        }
    }

    @Test("/v2/status: reconciler switch, client IP, network, and enriched services")
    func statusV2() async throws {
        try await APIHarness.run { harness in
            let empty = try await harness.get("/v2/status")
            #expect(empty.status == .ok)
            #expect(
                try empty.json()
                    == JSONValue(
                        parsing:
                            #"{"reconciler_enabled":false,"client_ip":"203.0.113.10","network":"localnet","services":[],"generation":1}"#
                    ))

            try await harness.state.setReconcilerEnabled(true)
            try await harness.backend.provision(
                ServiceRequest(
                    userType: .multicast, tunnelSource: "203.0.113.10", tunnelDestination: "198.51.100.8",
                    tunnelNet: "169.254.0.2/31", doubleZeroIP: "148.51.120.1", subscriberGroups: ["233.84.178.1"],
                    publisherGroups: ["233.84.178.0"]))
            let group = PublicKey(uncheckedBytes: [UInt8](repeating: 7, count: 32))
            harness.backend.with {
                $0.sessions[.multicast] = SessionStatus(state: .up, lastUpdate: 1_760_464_781)
                $0.enrichment[.multicast] = { report in
                    var report = report
                    report.currentDevice = "ny5-dz01"
                    report.currentDeviceRTTNanoseconds = 812_345
                    report.lowestLatencyDevice = "ny5-dz01"
                    report.metro = "New York"
                    report.multicastGroups = MulticastGroupRoles(publisher: ["mg01"], subscriber: ["mg02"])
                    report.subscriptions = [
                        MulticastSubscription(
                            pubkey: group, code: "mg01", multicastIP: "233.84.178.0", maxBandwidth: 10_000_000_000,
                            publisher: true, subscriber: false)
                    ]
                    return report
                }
            }
            let reply = try await harness.get("/v2/status")
            #expect(reply.status == .ok)
            let expected = try JSONValue(
                parsing: """
                    {"reconciler_enabled": true, "client_ip": "203.0.113.10", "network": "localnet",
                     "generation": 3,
                     "services": [{
                        "tunnel_name": "doublezero1", "tunnel_src": "203.0.113.10", "tunnel_dst": "198.51.100.8",
                        "doublezero_ip": "148.51.120.1",
                        "doublezero_status": {"session_status": "BGP Session Up", "last_session_update": 1760464781},
                        "user_type": "Multicast",
                        "current_device": "ny5-dz01",
                        "current_device_rtt_nanoseconds": 812345,
                        "lowest_latency_device": "ny5-dz01",
                        "metro": "New York",
                        "tenant": "",
                        "multicast_groups": {"publisher": ["mg01"], "subscriber": ["mg02"]},
                        "subscriptions": [{"pubkey":"\(group.base58)","code":"mg01","multicast_ip":"233.84.178.0",
                                           "max_bandwidth":10000000000,"publisher":true,"subscriber":false}]
                     }]}
                    """)
            // current_device_loss_percentage is 0, so it is left out, as upstream.
            #expect(try reply.json() == expected)
        }
    }

    @Test("a failing backend read is 500 with upstream's error body")
    func backendFailure() async throws {
        try await APIHarness.run { harness in
            harness.backend.fail("services", with: .failed("netlink dump failed"))
            for path in ["/status", "/v2/status"] {
                let reply = try await harness.get(path)
                #expect(reply.status == .internalServerError)
                #expect(
                    try reply.json() == JSONValue(parsing: #"{"status":"error","description":"netlink dump failed"}"#))
            }
        }
    }

    @Test("/config names the ledger followed")
    func config() async throws {
        try await APIHarness.run { harness in
            let reply = try await harness.get("/config")
            #expect(reply.status == .ok)
            #expect(
                try reply.json()
                    == JSONValue(parsing: #"{"program_id":"ledger-id","rpc_url":"http://127.0.0.1:8899"}"#))
        }
    }
}
