import DaemonService
import DaemonTestSupport
import Models
import Testing

/// `GET /latency` and `GET /v2/latency`.
@Suite("Daemon API: latency")
struct LatencyEndpointTests {
    static let device = PublicKey(uncheckedBytes: [UInt8](repeating: 3, count: 32))

    static let results = [
        LatencyResult(
            devicePubkey: device, deviceIP: "198.51.100.7", deviceCode: "ny5-dz01", minLatencyNanoseconds: 800_000,
            maxLatencyNanoseconds: 900_000, averageLatencyNanoseconds: 850_000, lossPercentage: 0, reachable: true),
        LatencyResult(
            devicePubkey: device, deviceIP: "198.51.100.70", deviceCode: "ny5-dz01", minLatencyNanoseconds: 0,
            maxLatencyNanoseconds: 0, averageLatencyNanoseconds: 0, lossPercentage: 100,
            interfaceName: "Loopback100", reachable: false),
    ]

    static func expectedResults() throws -> JSONValue {
        try JSONValue(
            parsing: """
                [{"device_pk":"\(device.base58)","device_ip":"198.51.100.7","device_code":"ny5-dz01",
                  "min_latency_ns":800000,"max_latency_ns":900000,"avg_latency_ns":850000,"loss_percentage":0,
                  "reachable":true},
                 {"device_pk":"\(device.base58)","device_ip":"198.51.100.70","device_code":"ny5-dz01",
                  "min_latency_ns":0,"max_latency_ns":0,"avg_latency_ns":0,"loss_percentage":100,
                  "interface_name":"Loopback100","reachable":false}]
                """)
    }

    @Test("before the first pass: /v2/latency is not ready, /latency is empty")
    func notReady() async throws {
        try await APIHarness.run { harness throws in
            #expect(try await harness.get("/v2/latency").json() == JSONValue(parsing: #"{"ready":false,"results":[]}"#))
            #expect(try await harness.get("/latency").json() == .array([]))
        }
    }

    @Test("results in upstream's LatencyResult shape, in the backend's order")
    func results() async throws {
        try await APIHarness.run { harness in
            harness.backend.with { $0.latency = LatencyReport(ready: true, results: Self.results) }
            let v1 = try await harness.get("/latency")
            #expect(v1.status == .ok)
            #expect(try v1.json() == Self.expectedResults())
            let v2 = try await harness.get("/v2/latency")
            #expect(v2.status == .ok)
            #expect(try v2.json() == .object(["ready": .bool(true), "results": Self.expectedResults()]))
        }
    }

    @Test("with probing disabled both are 404 and the backend is not asked")
    func disabled() async throws {
        try await APIHarness.run(configure: { $0.latencyProbing = false }) { harness in
            for path in ["/latency", "/v2/latency"] {
                let reply = try await harness.get(path)
                #expect(reply.status == .notFound)
                #expect(reply.body.contains("latency probing is disabled"))
            }
            #expect(harness.backend.calls.isEmpty)
        }
    }

    @Test("a failing backend is 500")
    func failure() async throws {
        try await APIHarness.run { harness in
            harness.backend.fail("latency", with: .failed("prober stopped"))
            let reply = try await harness.get("/v2/latency")
            #expect(reply.status == .internalServerError)
            #expect(try reply.json() == JSONValue(parsing: #"{"status":"error","description":"prober stopped"}"#))
        }
    }
}
