import Models
import Testing

@testable import Probe

/// The I/O-free bookkeeping of a probing pass, the RTT clock choice, targets and configuration.
@Suite("Probing pass bookkeeping")
struct EchoProbePassTests {
    static let targets = [
        ProbeTarget(device: .zero, deviceCode: "a", address: "10.0.0.1"),
        ProbeTarget(device: .zero, deviceCode: "b", address: "10.0.0.2"),
    ]

    static func sendTime(_ microsecondsAgo: Int64, from now: ContinuousClock.Instant) -> SendTime {
        SendTime(wall: WallClockTime(sinceUnixEpoch: .seconds(1000)), monotonic: now - .microseconds(microsecondsAgo))
    }

    @Test("replies map back by sequence and source; duplicates, strangers and unsent probes are ignored")
    func matching() throws {
        var pass = try EchoProbePass(targets: Self.targets, count: 2, firstSequence: 65_535)
        // Sequence numbers wrap: round 0 → 65535, 0; round 1 → 1, 2.
        #expect(pass.sequence(round: 0, target: 0) == 65_535)
        #expect(pass.sequence(round: 0, target: 1) == 0)
        #expect(pass.sequence(round: 1, target: 1) == 2)
        let now = ContinuousClock.now
        pass.recordSent(round: 0, target: 0, at: Self.sendTime(300, from: now))
        pass.recordSent(round: 0, target: 1, at: Self.sendTime(400, from: now))
        pass.recordSent(round: 1, target: 0, at: Self.sendTime(100, from: now))
        #expect(pass.outstanding == 3)
        let accepted = [
            pass.recordReply(sequence: 65_535, from: "10.0.0.1", kernelReceived: nil, readAt: now),
            pass.recordReply(sequence: 65_535, from: "10.0.0.1", kernelReceived: nil, readAt: now),  // duplicate
            pass.recordReply(sequence: 0, from: "10.0.0.9", kernelReceived: nil, readAt: now),  // wrong source
            pass.recordReply(sequence: 2, from: "10.0.0.2", kernelReceived: nil, readAt: now),  // never sent
            pass.recordReply(sequence: 77, from: "10.0.0.2", kernelReceived: nil, readAt: now),  // unknown
            pass.recordReply(sequence: 1, from: "10.0.0.1", kernelReceived: nil, readAt: now),
        ]
        #expect(accepted == [true, false, false, false, false, true])
        #expect(pass.outstanding == 1)
        let results = pass.results()
        #expect(results.map(\.target.deviceCode) == ["a", "b"])
        #expect(results[0].statistics.received == 2)
        #expect(results[0].statistics.minimum == .microseconds(100))
        #expect(results[0].statistics.maximum == .microseconds(300))
        #expect(results[1].statistics.sent == 2)
        #expect(results[1].statistics.received == 0)
    }

    @Test("more than 65,536 probes in one pass is refused")
    func tooManyProbes() {
        let targets = Array(repeating: Self.targets[0], count: 1000)
        #expect(throws: ProbeError.tooManyProbes(targets: 1000, count: 66)) {
            try EchoProbePass(targets: targets, count: 66, firstSequence: 0)
        }
    }

    /// Rows for the RTT clock choice: kernel RTT (µs, nil = no timestamp), monotonic RTT (µs), expected (µs).
    static let clockRows: [(kernel: Int64?, monotonic: Int64, expected: Int64)] = [
        (nil, 500, 500),  // no kernel timestamp: monotonic
        (420, 500, 420),  // plausible kernel timestamp: used
        (-5, 500, 500),  // wall clock stepped back: monotonic
        (90_000, 500, 500),  // wall clock stepped forward: monotonic
        (550, 500, 550),  // within the 100 µs slack: used
    ]

    @Test("kernel timestamps are used when plausible", arguments: clockRows)
    func clockChoice(_ row: (kernel: Int64?, monotonic: Int64, expected: Int64)) {
        let now = ContinuousClock.now
        let wall = WallClockTime(sinceUnixEpoch: .seconds(5000))
        let sent = SendTime(wall: wall, monotonic: now - .microseconds(row.monotonic))
        let kernel = row.kernel.map { WallClockTime(sinceUnixEpoch: wall.sinceUnixEpoch + .microseconds($0)) }
        #expect(sent.roundTrip(kernelReceived: kernel, readAt: now) == .microseconds(row.expected))
    }

    @Test("targets: public IP, then live user-tunnel-endpoint interfaces, no duplicates")
    func targetsFromDevices() {
        var device = SelectionFixtures.device("ams", "203.0.113.1", endpoints: ["198.51.100.1", "203.0.113.1"])
        device.interfaces.append(
            DeviceInterface(
                name: "Loopback200", status: .pending, loopbackType: .ipv4, ipNet: "198.51.100.2/32",
                userTunnelEndpoint: true))
        device.interfaces.append(
            DeviceInterface(name: "Loopback201", status: .activated, loopbackType: .ipv4, ipNet: "198.51.100.3/32"))
        let unspecified = SelectionFixtures.device("nil", .unspecified, endpoints: ["198.51.100.9"])
        let targets = ProbeTarget.targets(for: [device, unspecified])
        #expect(targets.map(\.address) == ["203.0.113.1", "198.51.100.1", "198.51.100.9"])
        #expect(targets.map(\.interfaceName) == [nil, "Loopback100", "Loopback100"])
        #expect(targets.map(\.deviceCode) == ["ams", "ams", "nil"])
        #expect(ProbeTarget.targets(for: [device], includeTunnelEndpoints: false).map(\.address) == ["203.0.113.1"])
    }

    /// Invalid configurations with the field they name.
    static let invalidConfigurations: [(ICMPEchoProber.Configuration, String)] = [
        (.init(count: 0, interval: .seconds(1), timeout: .seconds(1)), "count"),
        (.init(count: 1, interval: .seconds(-1), timeout: .seconds(1)), "interval"),
        (.init(count: 1, interval: .seconds(1), timeout: .zero), "timeout"),
        (.init(count: 1, interval: .seconds(1), timeout: .seconds(1), payloadLength: 1473), "payloadLength"),
    ]

    @Test("configurations are validated", arguments: invalidConfigurations)
    func invalidConfiguration(_ row: (ICMPEchoProber.Configuration, String)) {
        do {
            try row.0.validate()
            Issue.record("\(row.1) accepted")
        } catch {
            guard case .invalidConfiguration(let field, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(field == row.1)
        }
        #expect(throws: Never.self) { try ICMPEchoProber.Configuration.upstream.validate() }
    }

    @Test("error messages name the call, the context and the system error")
    func errorDescriptions() {
        #expect(
            ProbeError.systemCall(call: "socket", errno: 13, context: "a raw ICMP socket").description
                == "socket failed for a raw ICMP socket: Permission denied (errno 13)")
        #expect(
            ProbeError.icmpSocketUnavailable(datagramErrno: 13, rawErrno: 1).description
                == "no ICMP socket available: datagram socket refused (Permission denied (errno 13); is the group in net.ipv4.ping_group_range?), raw socket refused (Operation not permitted (errno 1); CAP_NET_RAW is needed)"
        )
        #expect(ProbeError.tooManyProbes(targets: 3, count: 2).description.contains("3 targets × 2 probes"))
    }
}
