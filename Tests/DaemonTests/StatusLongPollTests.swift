import DaemonService
import DaemonTestSupport
import Foundation
import LongPoll
import Testing

/// `GET /v2/status?after=G&wait=S`: the long-poll on the status generation.
@Suite("Daemon API: /v2/status long-poll")
struct StatusLongPollTests {
    /// The generation of a `/v2/status` answer.
    static func generation(_ reply: APIHarness.Reply) throws -> UInt64 {
        try status(reply).generation
    }

    /// A `/v2/status` answer decoded.
    static func status(_ reply: APIHarness.Reply) throws -> DaemonStatus {
        try JSONDecoder().decode(DaemonStatus.self, from: Data(reply.body.utf8))
    }

    @Test("a client behind the current generation gets the new status at once")
    func behind() async throws {
        try await APIHarness.run { harness in
            let before = try Self.generation(try await harness.get("/v2/status"))
            try await harness.backend.provision(.ibrl)
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await harness.get("/v2/status?after=\(before)&wait=60")
            // Far below the 60 s asked for (generous: the machine may be busy).
            #expect(clock.now - start < .seconds(15))
            #expect(reply.status == .ok)
            #expect(try Self.generation(reply) == before + 1)
            #expect(try Self.status(reply).services.map(\.userType) == [.ibrl])
        }
    }

    @Test("a client at the current generation waits, and wakes at the next change")
    func waitsAndWakes() async throws {
        try await APIHarness.run { harness in
            let current = try Self.generation(try await harness.get("/v2/status"))
            let clock = ContinuousClock()
            let start = clock.now
            async let reply = harness.get("/v2/status?after=\(current)&wait=60")
            try await Task.sleep(for: .milliseconds(300))
            try await harness.backend.provision(.ibrl)
            let answer = try await reply
            let elapsed = clock.now - start
            #expect(elapsed >= .milliseconds(300), "answered before the change: \(elapsed)")
            #expect(elapsed < .seconds(15), "did not wake at the change: \(elapsed)")
            #expect(answer.status == .ok)
            #expect(try Self.generation(answer) == current + 1)
            #expect(try Self.status(answer).services.map(\.userType) == [.ibrl])
        }
    }

    @Test("enable and disable wake a waiting client")
    func reconcilerSwitchWakes() async throws {
        try await APIHarness.run { harness in
            let current = try Self.generation(try await harness.get("/v2/status"))
            async let reply = harness.get("/v2/status?after=\(current)&wait=30")
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await harness.post("/enable").status == .ok)
            let answer = try await reply
            #expect(try Self.generation(answer) == current + 1)
            #expect(try answer.json()["reconciler_enabled"] == .bool(true))
        }
    }

    @Test("without a change the wait ends after `wait` seconds with the same generation")
    func timesOut() async throws {
        try await APIHarness.run { harness in
            let current = try Self.generation(try await harness.get("/v2/status"))
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await harness.get("/v2/status?after=\(current)&wait=0.4")
            let elapsed = clock.now - start
            #expect(elapsed >= .milliseconds(400), "answered early: \(elapsed)")
            // Far below the default 30 s: the `wait` given counts.
            #expect(elapsed < .seconds(15), "waited too long: \(elapsed)")
            #expect(reply.status == .ok)
            #expect(try Self.generation(reply) == current)
        }
    }

    @Test("a wait over 60 s is capped, not refused")
    func longWaitIsCapped() async throws {
        try await APIHarness.run { harness in
            let current = try Self.generation(try await harness.get("/v2/status"))
            try await harness.backend.provision(.ibrl)
            let reply = try await harness.get("/v2/status?after=\(current)&wait=3600")
            #expect(reply.status == .ok)
            #expect(try Self.generation(reply) == current + 1)
        }
    }

    @Test(
        "bad parameters are 400 with the reason",
        arguments: [
            ("after=abc&wait=1", "after must be a generation"), ("after=-1", "after must be a generation"),
            ("after=1&wait=soon", "wait must be a number of seconds"), ("after=1&wait=-2", "wait must be a number"),
            ("after=1&wait=nan", "wait must be a number"), ("wait=5", "wait needs after"),
        ])
    func badParameters(query: String, reason: String) async throws {
        try await APIHarness.run { harness in
            let reply = try await harness.get("/v2/status?\(query)")
            #expect(reply.status == .badRequest)
            let body = try reply.json()
            #expect(body["status"] == .string("error"))
            let description = body["description"].flatMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }
            #expect(description?.hasPrefix("invalid request: \(reason)") == true, "\(reply.body)")
        }
    }

    @Test("NoReconcilerBackend's generation moves only at a reconciler switch, and wakes waiters")
    func noReconcilerBackend() async throws {
        let backend = NoReconcilerBackend()
        #expect(backend.statusGeneration == 0)
        async let woken = backend.waitForStatusChange(after: 0, timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(100))
        backend.reconcilerEnabledChanged(to: true)
        #expect(await woken == 1)
        #expect(await backend.waitForStatusChange(after: 1, timeout: .milliseconds(50)) == 1)
    }

    @Test("a cancelled wait returns promptly")
    func cancellation() async throws {
        let generation = ChangeGeneration()
        let clock = ContinuousClock()
        let start = clock.now
        let waiting = Task { await generation.waitForChange(after: 0, timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        #expect(await waiting.value == 0)
        #expect(clock.now - start < .seconds(20), "the 60 s wait did not end at cancellation")
        generation.bump()
        #expect(generation.value == 1)
    }
}
