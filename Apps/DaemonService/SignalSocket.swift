#if canImport(Glibc)
    import Glibc
#endif
import Models

/// An owned IPv4 datagram socket pinned to one tunnel, for the multicast service's sends: PIM
/// (raw, protocol 103) and the publisher heartbeat (UDP). Closed when released.
///
/// Pinned with `SO_BINDTODEVICE` (egress through the tunnel whatever the routes say, as
/// upstream pins it with `IP_PKTINFO`), bound to a local address (the packets' source), with
/// the tunnel as the multicast interface and multicast loopback off.
final class SignalSocket: Sendable {
    /// The descriptor.
    let fd: Int32
    /// What it is, for errors and logs (`PIM on doublezero1`).
    let label: String

    /// Opens a socket of `type` and `protocolNumber` pinned to `interface`, bound to `source`,
    /// multicast TTL `multicastTTL` and unicast TTL `unicastTTL`.
    ///
    /// - Throws: ``SignalSocketError`` naming the call that failed.
    init(
        type: Int32, protocolNumber: Int32, interface: String, source: IPv4Address, multicastTTL: Int32,
        unicastTTL: Int32, label: String
    ) throws(SignalSocketError) {
        self.label = label
        let fd = socket(AF_INET, type | Int32(SOCK_CLOEXEC.rawValue), protocolNumber)
        guard fd >= 0 else { throw SignalSocketError(call: "socket", errno: errno, socket: label) }
        self.fd = fd
        var name = Array(interface.utf8CString)
        guard setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, &name, socklen_t(name.count)) == 0 else {
            throw SignalSocketError(call: "setsockopt(SO_BINDTODEVICE, \(interface))", errno: errno, socket: label)
        }
        let index = if_nametoindex(interface)
        guard index != 0 else {
            throw SignalSocketError(call: "if_nametoindex(\(interface))", errno: errno, socket: label)
        }
        var request = ip_mreqn()
        request.imr_ifindex = Int32(index)
        guard setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_IF, &request, socklen_t(MemoryLayout<ip_mreqn>.size)) == 0
        else { throw SignalSocketError(call: "setsockopt(IP_MULTICAST_IF)", errno: errno, socket: label) }
        try setOption(IP_MULTICAST_TTL, multicastTTL, "IP_MULTICAST_TTL")
        try setOption(IP_TTL, unicastTTL, "IP_TTL")
        try setOption(IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP")
        var address = Self.socketAddress(source, port: 0)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw SignalSocketError(call: "bind(\(source))", errno: errno, socket: label) }
    }

    deinit {
        close(fd)
    }

    /// Sends `bytes` to `destination:port` (port 0 for raw sockets).
    ///
    /// - Throws: ``SignalSocketError`` when the kernel refuses it.
    func send(_ bytes: [UInt8], to destination: IPv4Address, port: UInt16 = 0) throws(SignalSocketError) {
        var address = Self.socketAddress(destination, port: port)
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard sent == bytes.count else {
            throw SignalSocketError(call: "sendto(\(destination))", errno: errno, socket: label)
        }
    }

    private func setOption(_ name: Int32, _ value: Int32, _ text: String) throws(SignalSocketError) {
        var value = value
        guard setsockopt(fd, Int32(IPPROTO_IP), name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SignalSocketError(call: "setsockopt(\(text))", errno: errno, socket: label)
        }
    }

    private static func socketAddress(_ address: IPv4Address, port: UInt16) -> sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr.s_addr = address.value.bigEndian
        return socketAddress
    }
}

/// A system call of a ``SignalSocket`` failed.
struct SignalSocketError: Error, CustomStringConvertible {
    /// The call, with what it was given.
    var call: String
    /// Its `errno`.
    var errno: Int32
    /// The socket (`PIM on doublezero1`).
    var socket: String

    /// One line.
    var description: String { "\(socket): \(call) failed: \(String(cString: strerror(errno)))" }
}
