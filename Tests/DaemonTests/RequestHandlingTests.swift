import DaemonService
import DaemonTestSupport
import Foundation
import Hummingbird
import Testing

/// What every endpoint shares: 405 for another method, 404 for unknown paths, bounded bodies.
@Suite("Daemon API: methods and bodies")
struct RequestHandlingTests {
    @Test(
        "every endpoint answers 405 with Allow to the other method, and nothing changes",
        arguments: DaemonEndpoint.allCases)
    func wrongMethod(_ endpoint: DaemonEndpoint) async throws {
        try await APIHarness.run { harness in
            for method in [.get, .post, .put, .delete, .patch] as [HTTPRequest.Method] where method != endpoint.method {
                let reply = try await harness.call(method, endpoint.path, body: method == .get ? nil : "{}")
                #expect(reply.status == .methodNotAllowed, "\(method) \(endpoint.path)")
                #expect(reply.headers[.allow] == endpoint.method.rawValue)
                #expect(reply.body == "method \(method) not allowed on \(endpoint.path); use \(endpoint.method)\n")
            }
            #expect(harness.backend.calls.isEmpty)
            #expect(harness.backend.reconcilerSignals == [false])
            #expect(try harness.stateFile.read() == DaemonState(reconcilerEnabled: false))
        }
    }

    @Test("an unknown path is 404")
    func unknownPath() async throws {
        try await APIHarness.run { harness throws in
            #expect(try await harness.get("/v3/status").status == .notFound)
            #expect(try await harness.post("/status/").status == .notFound)
        }
    }

    @Test("a body over the limit is 413 and nothing is done")
    func oversizedBody() async throws {
        try await APIHarness.run { harness in
            let huge =
                #"{"user_type": "IBRL", "padding": ""# + String(repeating: "x", count: DaemonAPI.maxBodySize) + #""}"#
            let reply = try await harness.post("/provision", huge)
            #expect(reply.status == .contentTooLarge)
            #expect(
                try reply.json()
                    == .object([
                        "status": .string("error"),
                        "description": .string("the request body is larger than \(DaemonAPI.maxBodySize) bytes"),
                    ]))
            #expect(try await harness.post("/resolve-route", huge).status == .contentTooLarge)
            #expect(harness.backend.calls.isEmpty)
        }
    }
}
