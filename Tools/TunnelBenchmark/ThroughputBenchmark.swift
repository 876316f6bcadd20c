import BenchmarkSupport
import Foundation
import LinuxHostTesting
import Models
import Tunnel

/// TCP throughput (iperf3) between two namespaces joined by a veth pair: over the bare veth,
/// and through a userspace GRE tunnel at both ends.
struct ThroughputBenchmark {
    let seconds: Int
    /// Whether the veth pair behaves like NICs on a wire for both measurements: no TSO (every
    /// packet fits the MTU), GRO on receive with threaded NAPI (bursts arrive merged).
    var nicLikeUnderlay = false

    struct Result {
        let vethBitsPerSecond: Double
        let userspaceBitsPerSecond: Double
    }

    func run() throws -> Result {
        let host = try ScratchNamespace.bench("host")
        defer { host.delete() }
        let device = try ScratchNamespace.bench("dev")
        defer { device.delete() }
        try host.ip("link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", device.name)
        try host.ip("address", "add", "10.0.0.1/24", "dev", "a0")
        try device.ip("address", "add", "10.0.0.2/24", "dev", "b0")
        for (namespace, link) in [(host, "a0"), (device, "b0")] {
            try namespace.ip("link", "set", "dev", link, "up")
            try namespace.ip("link", "set", "dev", "lo", "up")
            if nicLikeUnderlay {
                try namespace.exec(["ethtool", "-K", link, "tso", "off", "gro", "on"])
                try namespace.exec(["sh", "-c", "echo 1 > /sys/class/net/\(link)/threaded"])
            }
        }
        let veth = try iperf(from: host, to: device, server: "10.0.0.2")

        let hostTunnels = try TunnelSetReconciler(namespace: host.namespace, preference: .userspace)
        let deviceTunnels = try TunnelSetReconciler(namespace: device.namespace, preference: .userspace)
        let name = TunnelSlot.unicast.interfaceName
        let outcomes = [
            hostTunnels.apply([TunnelSpec(name: name, local: "10.0.0.1", remote: "10.0.0.2", overlay: "169.254.0.0/31")]
            ),
            deviceTunnels.apply([
                TunnelSpec(name: name, local: "10.0.0.2", remote: "10.0.0.1", overlay: "169.254.0.0/31", side: .device)
            ]),
        ]
        for outcome in outcomes where outcome[name] != .added(.userspace) {
            throw BenchmarkError("provisioning the userspace tunnel failed: \(outcome)")
        }
        defer {
            hostTunnels.removeAll()
            deviceTunnels.removeAll()
        }
        let userspace = try iperf(from: host, to: device, server: "169.254.0.0")
        for (side, tunnels) in [("host", hostTunnels), ("device", deviceTunnels)] {
            if let counters = tunnels.userspaceTunnel(name)?.counters {
                print(
                    "  \(side) tunnel: sent \(counters.packetsSent.load(ordering: .relaxed)) packets"
                        + " (\(counters.superPacketsSegmented.load(ordering: .relaxed)) TSO super-packets),"
                        + " received \(counters.packetsReceived.load(ordering: .relaxed)) writes"
                        + " (\(counters.mergedWrites.load(ordering: .relaxed)) merged),"
                        + " underlay-merged \(counters.underlayMergedPackets.load(ordering: .relaxed)),"
                        + " dropped \(counters.packetsDropped.load(ordering: .relaxed))")
            }
        }
        return Result(vethBitsPerSecond: veth, userspaceBitsPerSecond: userspace)
    }

    /// Runs an iperf3 server in `to` (one test) and a client in `from`; returns the received rate.
    private func iperf(from client: ScratchNamespace, to server: ScratchNamespace, server address: String) throws
        -> Double
    {
        let process = try ShellCommand.start(["ip", "netns", "exec", server.name, "iperf3", "-s", "-1", "-B", address])
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        usleep(300_000)
        let json = try client.exec(["iperf3", "-c", address, "-t", "\(seconds)", "-J"])
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let end = object["end"] as? [String: Any], let received = end["sum_received"] as? [String: Any],
            let rate = received["bits_per_second"] as? Double
        else {
            throw BenchmarkError("`iperf3 -c \(address)` reported no sum_received: \(json.prefix(400))")
        }
        return rate
    }
}
