import BenchmarkSupport
import Foundation
import LinuxHostTesting
import Models
import Tunnel

/// Provisions one tunnel interface with its `/31`, a DZ IP `/32`, MTU, link up and 10 routes,
/// through our netlink session and through `ip` commands, and compares the median times.
///
/// The interface is a kernel GRE link when the kernel has GRE, else a TUN device (what the
/// userspace datapath uses): created by `TUNSETIFF` for us, by `ip tuntap add` for `ip`.
struct ProvisioningBenchmark {
    let iterations: Int

    struct Result {
        let interfaceKind: String
        /// Median seconds through our netlink session.
        let ours: Double
        /// Median seconds through `ip` commands.
        let ip: Double
        var speedup: Double { ip / ours }
    }

    private static let name = TunnelSlot.unicast.interfaceName

    private static let routes = (0..<10).map {
        IPv4Prefix(uncheckedAddress: IPv4Address(10, 100, UInt8($0), 0), length: 24)
    }

    func run() throws -> Result {
        let scratch = try ScratchNamespace.bench("prov")
        defer { scratch.delete() }
        try scratch.ip("link", "set", "dev", "lo", "up")
        let session = try NetlinkSession(namespace: scratch.namespace)
        let gre = GRELinkSpec(name: Self.name, local: "192.0.2.1", remote: "192.0.2.2")
        var kernelGRE = true
        do {
            try session.createGRELink(gre)
            try session.deleteLink(index: try session.link(named: Self.name).index)
        } catch {
            // (Spelled out rather than `catch .linkKindUnsupported`, which crashes Swift 6.3.1's
            // SIL ownership verifier in this function.)
            guard case .linkKindUnsupported = error else { throw error }
            kernelGRE = false
        }
        let clock = ContinuousClock()
        var ours: [Duration] = []
        var ip: [Duration] = []
        for _ in 0..<iterations {
            var device: TunDevice?
            ours.append(
                try clock.measure {
                    if kernelGRE {
                        try session.createGRELink(gre)
                    } else {
                        device = try TunDevice(name: Self.name, namespace: scratch.namespace)
                    }
                    try provisionWithNetlink(session)
                })
            device?.close()
            if kernelGRE { try session.deleteLink(index: try session.link(named: Self.name).index) }

            ip.append(
                try clock.measure {
                    if kernelGRE {
                        try scratch.ip(
                            "link", "add", "doublezero0", "type", "gre", "local", "192.0.2.1", "remote", "192.0.2.2",
                            "ttl", "64")
                    } else {
                        try scratch.ip("tuntap", "add", "dev", "doublezero0", "mode", "tun")
                    }
                    try scratch.ip("link", "set", "dev", "doublezero0", "mtu", "1476")
                    try scratch.ip("address", "add", "169.254.0.1/31", "dev", "doublezero0", "scope", "link")
                    try scratch.ip("address", "add", "198.51.100.7/32", "dev", "doublezero0")
                    try scratch.ip("link", "set", "dev", "doublezero0", "up")
                    for route in Self.routes {
                        try scratch.ip(
                            "route", "replace", route.description, "via", "169.254.0.0", "dev", "doublezero0", "src",
                            "198.51.100.7", "proto", "186")
                    }
                })
            try scratch.ip("link", "delete", "dev", "doublezero0")
        }
        return Result(
            interfaceKind: kernelGRE ? "kernel gre" : "tun", ours: median(ours.map(\.inSeconds)),
            ip: median(ip.map(\.inSeconds)))
    }

    private func provisionWithNetlink(_ session: NetlinkSession) throws {
        let index = try session.link(named: Self.name).index
        try session.setLink(index: index, mtu: 1476)
        try session.addAddress(InterfaceAddress(interfaceIndex: index, address: "169.254.0.1/31", scope: .link))
        try session.addAddress(InterfaceAddress(interfaceIndex: index, address: "198.51.100.7/32"))
        try session.setLink(index: index, up: true)
        for destination in Self.routes {
            try session.replaceRoute(
                Route(
                    destination: destination, gateway: "169.254.0.0", source: "198.51.100.7", interfaceIndex: index,
                    protocol: .bgp))
        }
    }
}
