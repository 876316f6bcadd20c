import Foundation
import Models
import Testing

@testable import Probe

/// ICMP probing for real, between two network namespaces (needs root; see `TestNetwork`).
///
/// The prober runs in the client namespace by opening its socket on a thread that entered the
/// namespace (LinuxHost's `NetworkNamespace.perform`); `ping` runs there too through `ip netns exec`.
@Suite("ICMP probing between namespaces (root)", .serialized)
struct ICMPLiveTests {
    /// A target on the server namespace.
    static func target(_ address: IPv4Address, code: String = "srv") -> ProbeTarget {
        ProbeTarget(device: .zero, deviceCode: code, address: address)
    }

    @Test("RTTs agree with ping on the same path", arguments: [ICMPSocketKind.raw, .datagram])
    func agreesWithPing(kind: ICMPSocketKind) async throws {
        try await TestNetwork.with { network in
            if kind == .datagram { try network.allowDatagramICMP() }
            let socket = try network.inClient { () throws(ProbeError) in
                try ICMPSocket(kind == .raw ? .raw : .datagram)
            }
            #expect(socket.kind == kind)
            let prober = try ICMPEchoProber(
                socket: socket, configuration: .init(count: 20, interval: .milliseconds(10), timeout: .seconds(3)))
            let ping = try network.ping(network.serverAddress, count: 20, interval: "0.01")
            let results = try await prober.probe([Self.target(network.serverAddress)])
            let statistics = try #require(results.first?.statistics)
            #expect(statistics.sent == 20)
            #expect(statistics.received == 20)
            #expect(statistics.reachable)
            let minimum = try #require(statistics.minimum).microsecondsValue
            let average = try #require(statistics.average).microsecondsValue
            print(
                "probe.live \(kind.rawValue): prober min/avg \(minimum)/\(average) us, ping min/avg \(ping.minimum)/\(ping.average) us, avg diff \(average - ping.average) us"
            )
            #expect(ping.received == 20)
            // Over veth both are tens of microseconds; they must agree to well under a millisecond.
            #expect(abs(minimum - ping.minimum) < 500)
            #expect(abs(average - ping.average) < 2000)
        }
    }

    @Test("loss injected by an nftables drop rule is measured per target")
    func measuresInjectedLoss() async throws {
        let halfLossAddress: IPv4Address = "10.77.0.3"
        let droppedAddress: IPv4Address = "10.77.0.4"
        try await TestNetwork.with(extraServerAddresses: [halfLossAddress, droppedAddress]) { network in
            // numgen counts from 0: requests 0, 2, 4, … are dropped, exactly half of an even count.
            try network.drop([
                ["ip", "daddr", "\(droppedAddress)", "icmp", "type", "echo-request"],
                [
                    "ip", "daddr", "\(halfLossAddress)", "icmp", "type", "echo-request", "numgen", "inc", "mod", "2",
                    "==", "0",
                ],
            ])
            let socket = try network.inClient { () throws(ProbeError) in try ICMPSocket(.automatic) }
            let prober = try ICMPEchoProber(
                socket: socket,
                configuration: .init(count: 10, interval: .milliseconds(20), timeout: .milliseconds(800)))
            let results = try await prober.probe([
                Self.target(network.serverAddress, code: "clean"), Self.target(halfLossAddress, code: "half"),
                Self.target(droppedAddress, code: "dropped"),
            ])
            try #require(results.count == 3)
            #expect(results.map(\.target.deviceCode) == ["clean", "half", "dropped"])
            #expect(results[0].statistics.lossFraction == 0)
            #expect(results[1].statistics.sent == 10)
            #expect(results[1].statistics.received == 5)
            #expect(results[1].statistics.lossFraction == 0.5)
            #expect(results[1].statistics.reachable)
            #expect(results[2].statistics.received == 0)
            #expect(results[2].statistics.lossFraction == 1)
            #expect(!results[2].statistics.reachable)
            #expect(results[2].statistics.minimum == nil)
        }
    }

    @Test("datagram sockets follow ping_group_range; automatic falls back to raw")
    func datagramAndRawFallback() async throws {
        try await TestNetwork.with { network in
            // A new namespace starts with ping_group_range "1 0": nobody may open ping sockets.
            #expect(throws: ProbeError.systemCall(call: "socket", errno: EACCES, context: "a datagram ICMP socket")) {
                try network.inClient { () throws(ProbeError) in try ICMPSocket(.datagram) }
            }
            let fallback = try network.inClient { () throws(ProbeError) in try ICMPSocket(.automatic) }
            #expect(fallback.kind == .raw)
            let rawResults = try await ICMPEchoProber(
                socket: fallback, configuration: .init(count: 3, interval: .milliseconds(10), timeout: .seconds(2))
            ).probe([Self.target(network.serverAddress)])
            #expect(rawResults.first?.statistics.received == 3)

            try network.allowDatagramICMP()
            let datagram = try network.inClient { () throws(ProbeError) in try ICMPSocket(.automatic) }
            #expect(datagram.kind == .datagram)
            let datagramResults = try await ICMPEchoProber(
                socket: datagram, configuration: .init(count: 3, interval: .milliseconds(10), timeout: .seconds(2))
            ).probe([Self.target(network.serverAddress)])
            #expect(datagramResults.first?.statistics.received == 3)
        }
    }

    @Test("an address nobody answers is unreachable, not an error")
    func unansweredAddress() async throws {
        try await TestNetwork.with { network in
            let socket = try network.inClient { () throws(ProbeError) in try ICMPSocket(.raw) }
            let prober = try ICMPEchoProber(
                socket: socket, configuration: .init(count: 2, interval: .milliseconds(10), timeout: .milliseconds(300))
            )
            // 10.77.0.9 is on the link but not assigned (ARP fails); 192.0.2.1 has no route at all.
            let results = try await prober.probe([Self.target("10.77.0.9"), Self.target("192.0.2.1")])
            #expect(results.count == 2)
            #expect(results.allSatisfy { !$0.statistics.reachable && $0.statistics.sent == 2 })
        }
    }
}
