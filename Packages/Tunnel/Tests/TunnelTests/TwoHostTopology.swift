import Foundation
import LinuxHostTesting
import Models
import Tunnel

/// Two namespaces joined by a veth pair: a user host (10.0.0.1 on `a0`) and a device with
/// two tunnel endpoints (10.0.0.2 and 10.0.0.3 on `b0`), each side running a tunnel reconciler.
///
/// `doublezero0` (unicast style) goes to 10.0.0.2 over 169.254.0.0/31; `doublezero1`
/// (multicast style) to 10.0.0.3 over 169.254.0.2/31. The user host is the odd end.
struct TwoHostTopology {
    let host: ScratchNamespace
    let device: ScratchNamespace
    let hostTunnels: TunnelSetReconciler
    let deviceTunnels: TunnelSetReconciler

    static let unicast = TunnelSlot.unicast.interfaceName
    static let multicast = TunnelSlot.multicast.interfaceName

    init(host: ScratchNamespace, device: ScratchNamespace, preference: TunnelDatapathPreference = .userspace) throws {
        self.host = host
        self.device = device
        // IPv4 only: no IPv6 link-local chatter (router solicitations, MLD) through the tunnels.
        for namespace in [host, device] {
            for scope in ["all", "default"] {
                try namespace.exec(["sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/\(scope)/disable_ipv6"])
            }
        }
        try host.ip("link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", device.name)
        try host.ip("address", "add", "10.0.0.1/24", "dev", "a0")
        try device.ip("address", "add", "10.0.0.2/24", "dev", "b0")
        try device.ip("address", "add", "10.0.0.3/24", "dev", "b0")
        for (namespace, link) in [(host, "a0"), (device, "b0")] {
            try namespace.ip("link", "set", "dev", link, "up")
            try namespace.ip("link", "set", "dev", "lo", "up")
        }
        hostTunnels = try TunnelSetReconciler(namespace: host.namespace, preference: preference)
        deviceTunnels = try TunnelSetReconciler(namespace: device.namespace, preference: preference)
    }

    /// Makes the veth pair behave like NICs on a wire: no TSO on transmit (every packet fits
    /// the MTU), GRO on receive, and threaded NAPI so bursts queue and get merged — the way a
    /// real NIC with interrupt moderation hands the kernel merged GRE packets.
    func enableUnderlayGRO() throws {
        for (namespace, link) in [(host, "a0"), (device, "b0")] {
            try namespace.exec(["ethtool", "-K", link, "tso", "off", "gro", "on"])
            try namespace.exec(["sh", "-c", "echo 1 > /sys/class/net/\(link)/threaded"])
        }
    }

    /// The host side of `doublezero0`, with a DZ IP and a route to the device's 10.10.0.0/24.
    static let hostUnicast = TunnelSpec(
        name: unicast, local: "10.0.0.1", remote: "10.0.0.2", overlay: "169.254.0.0/31", dzIP: "198.51.100.7",
        routes: [TunnelRoute(destination: "10.10.0.0/24", source: "198.51.100.7", protocol: .bgp)])
    /// The host side of `doublezero1`, with a multicast group route.
    static let hostMulticast = TunnelSpec(
        name: multicast, local: "10.0.0.1", remote: "10.0.0.3", overlay: "169.254.0.2/31",
        routes: [TunnelRoute(destination: "233.84.178.0/32")])
    /// The device side of `doublezero0`, with a route back to the DZ IP.
    static let deviceUnicast = TunnelSpec(
        name: unicast, local: "10.0.0.2", remote: "10.0.0.1", overlay: "169.254.0.0/31", side: .device,
        dzIP: "10.10.0.1", routes: [TunnelRoute(destination: "198.51.100.7/32")])
    /// The device side of `doublezero1`.
    static let deviceMulticast = TunnelSpec(
        name: multicast, local: "10.0.0.3", remote: "10.0.0.1", overlay: "169.254.0.2/31", side: .device)
}

/// A command running in the background (a continuous ping, a capture, a server); killed if
/// still running when released.
final class BackgroundCommand {
    private let process = Process()
    private let output: CapturedOutput

    init(_ arguments: [String]) throws {
        output = try CapturedOutput()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = output.handle
        process.standardError = output.handle
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Waits for the command to end by itself (commands are given counts, not signals: a child
    /// of the test runner may inherit a mask blocking SIGINT and SIGTERM); kills it after
    /// `timeout`. Returns its output and status.
    func finish(timeout: Duration = .seconds(20)) -> (output: String, status: Int32) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (output.read().output, process.terminationStatus)
    }
}
