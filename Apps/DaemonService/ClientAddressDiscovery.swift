import Foundation
import Models

/// How doublezerod learns this host's public IPv4 address when `--client-ip` is not given:
/// the source address the kernel would use toward a public address (a UDP "connect", which sends
/// no packet), accepted only if it is globally routable. Upstream then asks ifconfig.me; this
/// daemon does not call out, so a host behind NAT must give `--client-ip`.
public struct ClientAddressDiscovery: Sendable {
    /// The public address whose route is looked up.
    public var target: IPv4Address
    /// The port of the lookup (no packet is sent).
    public var port: UInt16

    /// A discovery through the route toward `target` (default 8.8.8.8:80, as upstream).
    public init(target: IPv4Address = "8.8.8.8", port: UInt16 = 80) {
        self.target = target
        self.port = port
    }

    /// The address `--client-ip` gave, checked; or the discovered one; or an error saying what to do.
    public func resolve(given: String?) throws(DaemonStartError) -> IPv4Address {
        if let given {
            guard let address = IPv4Address(given) else { throw .badClientIP(given) }
            return address
        }
        guard let source = kernelSourceAddress() else {
            throw .clientIPNotDiscovered("this host has no route to \(target)")
        }
        guard Self.isUsable(source) else {
            throw .clientIPNotDiscovered("its source address toward \(target), \(source), is not a public address")
        }
        return source
    }

    /// Whether `address` may be used as the client IP: globally routable (not private, loopback,
    /// link-local, documentation, multicast, reserved or broadcast).
    public static func isUsable(_ address: IPv4Address) -> Bool { address.isGlobal }

    /// The kernel's source address toward ``target``, or nil without a route.
    public func kernelSourceAddress() -> IPv4Address? {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = port.bigEndian
        remote.sin_addr = in_addr(s_addr: target.value.bigEndian)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        return IPv4Address(UInt32(bigEndian: local.sin_addr.s_addr))
    }
}
