import CMnl
import Glibc
import LinuxHost
import Models
import Synchronization

/// A raw IP socket for protocol 47 bound to the tunnel's local underlay address and connected
/// to its remote one.
///
/// The kernel delivers a raw socket only the packets whose destination matches its bound
/// address and whose source matches its connected address, so each tunnel's socket receives
/// exactly its (local, remote) pair's GRE packets: the demultiplexing of RFC 13 tunnels, which
/// carry no keys. Received packets include the outer IPv4 header; sent ones get it from the
/// kernel (TTL 64, DF clear as with `nopmtudisc`).
public final class GRERawSocket: Sendable {
    /// IP protocol number of GRE.
    public static let protocolNumber: Int32 = 47

    /// The socket descriptor.
    public let fileDescriptor: Int32
    /// The local underlay address.
    public let local: IPv4Address
    /// The remote underlay address.
    public let remote: IPv4Address
    private let closed = Atomic<Bool>(false)

    /// Opens, binds and connects the socket in `namespace` (the caller's by default).
    public init(
        local: IPv4Address, remote: IPv4Address, ttl: Int32 = 64, tunnel: String, namespace: NetworkNamespace? = nil
    )
        throws(TunnelDatapathError)
    {
        let create = { @Sendable () throws(TunnelDatapathError) -> Int32 in
            let descriptor = socket(
                AF_INET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Self.protocolNumber)
            guard descriptor >= 0 else {
                throw .system(call: "socket(AF_INET, SOCK_RAW, 47)", errno: errno, tunnel: tunnel)
            }
            var value = ttl
            setsockopt(descriptor, Int32(IPPROTO_IP), IP_TTL, &value, socklen_t(MemoryLayout<Int32>.size))
            value = IP_PMTUDISC_DONT
            setsockopt(descriptor, Int32(IPPROTO_IP), IP_MTU_DISCOVER, &value, socklen_t(MemoryLayout<Int32>.size))
            value = 4 << 20
            setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &value, socklen_t(MemoryLayout<Int32>.size))
            for (call, address) in [("bind", local), ("connect", remote)] {
                var socketAddress = Self.socketAddress(address)
                let result = withUnsafePointer(to: &socketAddress) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                        call == "bind"
                            ? bind(descriptor, pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
                            : connect(descriptor, pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                guard result == 0 else {
                    let code = errno
                    Glibc.close(descriptor)
                    throw .system(call: "\(call)(\(address))", errno: code, tunnel: tunnel)
                }
            }
            return descriptor
        }
        fileDescriptor = try NetworkNamespace.perform(in: namespace, tunnel: tunnel, create)
        self.local = local
        self.remote = remote
    }

    deinit {
        close()
    }

    /// Closes the socket once nothing uses it any more; later calls do nothing.
    public func close() {
        if !closed.exchange(true, ordering: .acquiringAndReleasing) { Glibc.close(fileDescriptor) }
    }

    static func socketAddress(_ address: IPv4Address) -> sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_addr.s_addr = address.value.bigEndian
        return socketAddress
    }
}
