import Foundation
import Testing

@testable import Probe

/// One pass at a time per prober, and the loud failure of live-test prerequisites. (Entering
/// namespaces is LinuxHost's and tested there.)
@Suite("Prober guards")
struct ProberGuardTests {
    @Test("a missing tool makes live tests fail with a message naming it (root)")
    func missingToolFailsLoudly() {
        do {
            try TestNetwork.requireLiveTestPrerequisites(tools: ["probe-no-such-tool"])
            Issue.record("a missing tool was accepted")
        } catch {
            // As root the user check passes, so the failure must be the tool lookup's.
            #expect(
                "\(error)"
                    == "live probe tests need `probe-no-such-tool` on PATH (Debian: iproute2, iputils-ping, nftables, procps)"
            )
        }
    }

    @Test("a second pass on a busy prober is refused (root)")
    func onePassAtATime() async throws {
        try await TestNetwork.with { network in
            let socket = try network.inClient { () throws(ProbeError) in try ICMPSocket(.raw) }
            let prober = try ICMPEchoProber(
                socket: socket, configuration: .init(count: 1, interval: .zero, timeout: .seconds(3)))
            // Nobody answers 10.77.0.9, so the first pass holds the prober for the whole 3 s.
            let silent = ProbeTarget(device: .zero, deviceCode: "silent", address: "10.77.0.9")
            let target = ProbeTarget(device: .zero, deviceCode: "srv", address: network.serverAddress)
            async let first = prober.probe([silent])
            for _ in 0..<250 where !prober.isProbing { try await Task.sleep(for: .milliseconds(10)) }
            try #require(prober.isProbing)
            await #expect(throws: ProbeError.passInProgress) { try await prober.probe([target]) }
            #expect(try await first.first?.statistics.received == 0)
            #expect(!prober.isProbing)
            // Afterwards the prober is free again.
            #expect(try await prober.probe([target]).first?.statistics.received == 1)
        }
    }
}
