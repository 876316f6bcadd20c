import Foundation
import LinuxHostTesting
import Models
import Testing
import Tunnel

/// The userspace GRE datapath and the tunnel set reconciler between two namespaces.
@Suite("userspace GRE tunnels between namespaces (root)", .serialized)
struct UserspaceTunnelLiveTests {
    @Test("two tunnels at once: ping and TCP through both; doublezero0 loses nothing while doublezero1 comes and goes")
    func twoTunnels() async throws {
        try requireRootAndTools(["ip", "ping", "iperf3"])
        try await ScratchNamespace.with(["host", "dev"]) { namespaces in
            let topology = try TwoHostTopology(host: namespaces[0], device: namespaces[1])
            let host = topology.host
            let device = topology.device
            let added = topology.hostTunnels.apply([TwoHostTopology.hostUnicast, TwoHostTopology.hostMulticast])
            #expect(added[TwoHostTopology.unicast] == .added(.userspace))
            #expect(added[TwoHostTopology.multicast] == .added(.userspace))
            topology.deviceTunnels.apply([TwoHostTopology.deviceUnicast, TwoHostTopology.deviceMulticast])

            // Both tunnels carry ICMP and TCP, each to its own far-end endpoint.
            try host.exec(["ping", "-c", "3", "-i", "0.05", "-W", "2", "169.254.0.0"])
            try host.exec(["ping", "-c", "3", "-i", "0.05", "-W", "2", "169.254.0.2"])
            try host.exec(["ping", "-c", "2", "-i", "0.05", "-W", "2", "-I", "198.51.100.7", "10.10.0.1"])
            for server in ["169.254.0.0", "169.254.0.2"] {
                let iperf = try BackgroundCommand([
                    "ip", "netns", "exec", device.name, "iperf3", "-s", "-1", "-B", server,
                ])
                try await Task.sleep(for: .milliseconds(300))
                let result = try host.exec(["iperf3", "-c", server, "-n", "4M", "-J"])
                #expect(try Self.bytesSent(iperfJSON: result) >= 4 * 1024 * 1024)
                #expect(iperf.finish().status == 0)
            }
            let unicastTunnel = try #require(topology.hostTunnels.userspaceTunnel(TwoHostTopology.unicast))
            let multicastTunnel = try #require(topology.hostTunnels.userspaceTunnel(TwoHostTopology.multicast))
            #expect(unicastTunnel.counters.packetsReceived.load(ordering: .relaxed) > 0)
            #expect(multicastTunnel.counters.packetsReceived.load(ordering: .relaxed) > 0)

            // A continuous ping through doublezero0 while doublezero1 is removed and added back.
            let ping = try BackgroundCommand([
                "ip", "netns", "exec", host.name, "ping", "-c", "250", "-i", "0.01", "-W", "1", "169.254.0.0",
            ])
            try await Task.sleep(for: .milliseconds(300))
            let removed = topology.hostTunnels.apply([TwoHostTopology.hostUnicast])
            #expect(removed == [TwoHostTopology.unicast: .unchanged, TwoHostTopology.multicast: .removed])
            #expect(try host.ip("-o", "link", "show").contains("doublezero1") == false)
            try await Task.sleep(for: .milliseconds(300))
            let readded = topology.hostTunnels.apply([TwoHostTopology.hostUnicast, TwoHostTopology.hostMulticast])
            #expect(readded == [TwoHostTopology.unicast: .unchanged, TwoHostTopology.multicast: .added(.userspace)])
            try host.exec(["ping", "-c", "2", "-i", "0.05", "-W", "2", "169.254.0.2"])
            topology.hostTunnels.apply([TwoHostTopology.hostUnicast])
            let summary = ping.finish().output
            let transmitted = Self.number(before: " packets transmitted", in: summary)
            #expect(transmitted == 250, "\(summary)")
            #expect(summary.contains(" 0% packet loss"), "\(summary)")

            let report = topology.hostTunnels.removeAll()
            #expect(report == [TwoHostTopology.unicast: .removed])
            #expect(try !host.ip("-o", "link", "show").contains("doublezero"))
        }
    }

    @Test("with GRO on the underlay, as on real NICs, TCP flows through merged GRE packets in both directions")
    func underlayGRO() async throws {
        try requireRootAndTools(["ip", "iperf3", "ethtool"])
        try await ScratchNamespace.with(["gro-h", "gro-d"]) { namespaces in
            let topology = try TwoHostTopology(host: namespaces[0], device: namespaces[1])
            try topology.enableUnderlayGRO()
            #expect(
                topology.hostTunnels.apply([TwoHostTopology.hostUnicast])[TwoHostTopology.unicast] == .added(.userspace)
            )
            topology.deviceTunnels.apply([TwoHostTopology.deviceUnicast])
            let deviceTunnel = try #require(topology.deviceTunnels.userspaceTunnel(TwoHostTopology.unicast))
            let hostTunnel = try #require(topology.hostTunnels.userspaceTunnel(TwoHostTopology.unicast))
            // Host to device, then device to host (-R): each receiving side gets merged packets.
            for (reverse, receiver) in [(false, deviceTunnel), (true, hostTunnel)] {
                let server = try BackgroundCommand([
                    "ip", "netns", "exec", topology.device.name, "iperf3", "-s", "-1", "-B", "169.254.0.0",
                ])
                try await Task.sleep(for: .milliseconds(300))
                // A stalled transfer (as before merged packets were understood) fails, not hangs.
                let client = try topology.host.exec(
                    ["timeout", "-k", "5", "60", "iperf3", "-c", "169.254.0.0", "-n", "32M", "-J"]
                        + (reverse ? ["-R"] : []))
                #expect(server.finish().status == 0, "the transfer completed (reverse=\(reverse))")
                // At least what was asked for; a sending server (-R) may overshoot by a block.
                #expect(try Self.bytesSent(iperfJSON: client) >= 32 * 1024 * 1024, "reverse=\(reverse)")
                let merged = receiver.counters.underlayMergedPackets.load(ordering: .relaxed)
                #expect(merged > 0, "no GRE packet arrived merged by the underlay (reverse=\(reverse))")
            }
            for tunnel in [hostTunnel, deviceTunnel] {
                #expect(tunnel.counters.packetsDropped.load(ordering: .relaxed) <= 2, "stray packets only")
            }
        }
    }

    /// `end.sum_sent.bytes` of an iperf3 client's JSON report: what the sending end delivered
    /// into a TCP connection that then closed cleanly.
    private static func bytesSent(iperfJSON: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(iperfJSON.utf8)) as? [String: Any]
        let end = object?["end"] as? [String: Any]
        let sent = end?["sum_sent"] as? [String: Any]
        return try #require(sent?["bytes"] as? Int, "no end.sum_sent.bytes in \(iperfJSON.prefix(300))")
    }

    @Test("one tunnel's failure is reported for that tunnel only")
    func failureIsolation() async throws {
        try await ScratchNamespace.with(["iso-h", "iso-d"]) { namespaces in
            let topology = try TwoHostTopology(host: namespaces[0], device: namespaces[1])
            var broken = TwoHostTopology.hostMulticast
            broken.local = "10.0.0.99"  // not an address of the host: the underlay socket cannot bind
            var notSlash31 = TwoHostTopology.hostMulticast
            notSlash31.name = LinuxInterfaceName(constant: "doublezero2")
            notSlash31.overlay = "169.254.0.4/30"
            let report = topology.hostTunnels.apply([TwoHostTopology.hostUnicast, broken, notSlash31])
            #expect(report[TwoHostTopology.unicast] == .added(.userspace))
            guard case .failed(let error) = report[TwoHostTopology.multicast] else {
                Issue.record(
                    "expected doublezero1 to fail, got \(String(describing: report[TwoHostTopology.multicast]))")
                return
            }
            #expect(error.description.contains("doublezero1"))
            #expect(error.description.contains("10.0.0.99"))
            #expect(
                report[LinuxInterfaceName(constant: "doublezero2")]
                    == .failed(.overlayNotSlash31(tunnel: "doublezero2", overlay: "169.254.0.4/30")))
            #expect(topology.hostTunnels.current.keys.sorted() == [TwoHostTopology.unicast])
            topology.deviceTunnels.apply([TwoHostTopology.deviceUnicast])
            try namespaces[0].exec(["ping", "-c", "2", "-i", "0.05", "-W", "2", "169.254.0.0"])
            // A changed spec is replaced; an unchanged one is left alone.
            var moved = TwoHostTopology.hostUnicast
            moved.routes = []
            #expect(topology.hostTunnels.apply([moved]) == [TwoHostTopology.unicast: .replaced(.userspace)])
            #expect(topology.hostTunnels.apply([moved]) == [TwoHostTopology.unicast: .unchanged])
            topology.hostTunnels.removeAll()
            topology.deviceTunnels.removeAll()
        }
    }

    @Test("packets on the wire are plain GRE as the kernel sends it (decoded by tshark)")
    func wireFormat() async throws {
        try requireRootAndTools(["ip", "ping", "tcpdump", "tshark"])
        try await ScratchNamespace.with(["wire-h", "wire-d"]) { namespaces in
            let topology = try TwoHostTopology(host: namespaces[0], device: namespaces[1])
            topology.hostTunnels.apply([TwoHostTopology.hostUnicast])
            topology.deviceTunnels.apply([TwoHostTopology.deviceUnicast])
            let capture = FileManager.default.temporaryDirectory.appendingPathComponent("\(namespaces[1].name).pcap")
                .path
            defer { try? FileManager.default.removeItem(atPath: capture) }
            let tcpdump = try BackgroundCommand([
                "ip", "netns", "exec", namespaces[1].name, "tcpdump", "-Z", "root", "-U", "-n", "-c", "6", "-i", "b0",
                "-w", capture,
                "ip proto 47",
            ])
            try await Task.sleep(for: .milliseconds(800))
            try namespaces[0].exec(["ping", "-c", "3", "-i", "0.05", "-W", "2", "169.254.0.0"])
            #expect(tcpdump.finish(timeout: .seconds(5)).status == 0, "tcpdump saw the 6 packets")
            let fields = try run([
                "tshark", "-r", capture, "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=|",
                "-e", "ip.proto", "-e", "gre.flags_and_version", "-e", "gre.proto", "-e", "ip.src", "-e", "ip.dst",
                "-e", "ip.checksum.status", "-e", "icmp.type",
            ])
            let lines = fields.split(separator: "\n").map {
                $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            }
            #expect(lines.count == 6, "3 echo requests and 3 replies: \(fields)")
            for line in lines {
                #expect(line[0] == "47,1", "outer GRE carrying ICMP: \(line)")
                #expect(line[1] == "0x0000", "no checksum, key or sequence; version 0: \(line)")
                #expect(line[2] == "0x0800", "protocol type IPv4: \(line)")
                #expect(line[5] == "1,1", "outer and inner IPv4 checksums are good (1 = good): \(line)")
            }
            let requests = lines.filter { $0[6] == "8" }
            let replies = lines.filter { $0[6] == "0" }
            #expect(requests.count == 3 && replies.count == 3)
            #expect(requests.allSatisfy { $0[3] == "10.0.0.1,169.254.0.1" && $0[4] == "10.0.0.2,169.254.0.0" })
            #expect(replies.allSatisfy { $0[3] == "10.0.0.2,169.254.0.0" && $0[4] == "10.0.0.1,169.254.0.1" })
        }
    }

    private static func number(before marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[..<range.lowerBound].split(whereSeparator: \.isWhitespace).last ?? "")
    }
}
