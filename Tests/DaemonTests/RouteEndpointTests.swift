import DaemonService
import DaemonTestSupport
import Models
import Testing

/// `GET /routes` and `POST /resolve-route`.
@Suite("Daemon API: routes")
struct RouteEndpointTests {
    @Test("/routes lists the backend's routes in upstream's order and shape")
    func routes() async throws {
        try await APIHarness.run { harness in
            #expect(try await harness.get("/routes").json() == .array([]))
            harness.backend.with {
                $0.routes = [
                    RouteRecord(network: "devnet", localIP: "9.169.90.110", peerIP: "192.0.2.9", kernelState: .present),
                    RouteRecord(
                        network: "devnet", localIP: "9.169.90.110", peerIP: "192.0.2.5", kernelState: .present,
                        livenessLastUpdated: "2025-11-08T12:34:56Z", livenessState: "up", livenessStateReason: "",
                        livenessExpectedKernelState: .present, livenessPeerMode: "passive",
                        peerClientVersion: "0.8.6"),
                    RouteRecord(network: "devnet", localIP: "9.169.90.110", peerIP: "192.0.2.10", kernelState: .absent),
                ]
            }
            let reply = try await harness.get("/routes")
            #expect(reply.status == .ok)
            let expected = try JSONValue(
                parsing: """
                    [{"network":"devnet","local_ip":"9.169.90.110","peer_ip":"192.0.2.5","kernel_state":"present",
                      "liveness_last_updated":"2025-11-08T12:34:56Z","liveness_state":"up","liveness_state_reason":"",
                      "liveness_expected_kernel_state":"present","liveness_peer_mode":"passive",
                      "peer_client_version":"0.8.6"},
                     {"network":"devnet","local_ip":"9.169.90.110","peer_ip":"192.0.2.9","kernel_state":"present"},
                     {"network":"devnet","local_ip":"9.169.90.110","peer_ip":"192.0.2.10","kernel_state":"absent"}]
                    """)
            #expect(try reply.json() == expected)
        }
    }

    @Test("/routes failing is 500 in plain text")
    func routesFailure() async throws {
        try await APIHarness.run { harness in
            harness.backend.fail("routes", with: .failed("netlink dump interrupted"))
            let reply = try await harness.get("/routes")
            #expect(reply.status == .internalServerError)
            #expect(reply.body == "failed to get routes: netlink dump interrupted\n")
        }
    }

    @Test("/resolve-route answers the kernel's preferred source, 404 without a route")
    func resolve() async throws {
        try await APIHarness.run(caller: APIHarness.outsider) { harness in
            harness.backend.with { $0.resolvedSources["198.51.100.7"] = "203.0.113.10" }
            let found = try await harness.post("/resolve-route", #"{"dst": "198.51.100.7"}"#)
            #expect(found.status == .ok)
            #expect(try found.json() == JSONValue(parsing: #"{"src": "203.0.113.10"}"#))

            let missing = try await harness.post("/resolve-route", #"{"dst": "192.0.2.1"}"#)
            #expect(missing.status == .notFound)
            #expect(missing.body == "route not found\n")
        }
    }

    @Test("/resolve-route refuses malformed and invalid bodies with 400 and the reason")
    func resolveRefused() async throws {
        try await APIHarness.run { harness in
            let malformed = try await harness.post("/resolve-route", "dst=1.2.3.4")
            #expect(malformed.status == .badRequest)
            #expect(malformed.body.hasPrefix("malformed request: not JSON"))
            let invalid = try await harness.post("/resolve-route", #"{"dst": "1.2.3.400"}"#)
            #expect(invalid.status == .badRequest)
            #expect(invalid.body == "invalid request: dst '1.2.3.400' is not an IPv4 address (expected a.b.c.d)\n")
            let missing = try await harness.post("/resolve-route", "{}")
            #expect(missing.status == .badRequest)
            #expect(missing.body == "invalid request: dst is required\n")
            #expect(!harness.backend.calls.contains("resolveRoute"))
        }
    }

    @Test("/resolve-route backend failures: 503 unavailable, 500 otherwise")
    func resolveFailures() async throws {
        try await APIHarness.run { harness in
            harness.backend.fail("resolveRoute", with: .unavailable("not built"))
            #expect(try await harness.post("/resolve-route", #"{"dst": "198.51.100.7"}"#).status == .serviceUnavailable)
            harness.backend.fail("resolveRoute", with: .failed("netlink"))
            let failed = try await harness.post("/resolve-route", #"{"dst": "198.51.100.7"}"#)
            #expect(failed.status == .internalServerError)
            #expect(failed.body == "failed to resolve route: netlink\n")
        }
    }
}
