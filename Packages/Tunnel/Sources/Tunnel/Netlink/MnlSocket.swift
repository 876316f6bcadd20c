import CMnl
import Glibc
import LinuxHost

/// A `NETLINK_ROUTE` socket through libmnl, bound in one network namespace.
///
/// The socket belongs to the namespace that was current on the thread that opened it; every
/// request through it acts on that namespace, whichever thread sends it later.
public final class MnlSocket: NetlinkSocket {
    private let socket: OpaquePointer
    private var buffer: [UInt8]

    /// Opens and binds a `NETLINK_ROUTE` socket in `namespace` (the caller's by default).
    ///
    /// Extended acks (kernel error messages) and capped acks are turned on, and strict checking
    /// so the kernel filters dumps by the attributes a request carries.
    public init(namespace: NetworkNamespace? = nil) throws(NetlinkError) {
        let opened: OpaquePointer?
        var openErrno: Int32 = 0
        if let namespace {
            // Opened on a thread inside `namespace`; errno is per thread, so it comes back too.
            let outcome: (address: UInt, errno: Int32)
            do {
                outcome = try namespace.perform { () -> (address: UInt, errno: Int32) in
                    (UInt(bitPattern: mnl_socket_open(NETLINK_ROUTE)), errno)
                }.get()
            } catch {
                throw .namespace(error)
            }
            opened = OpaquePointer(bitPattern: outcome.address)
            openErrno = outcome.errno
        } else {
            opened = mnl_socket_open(NETLINK_ROUTE)
            openErrno = errno
        }
        guard let opened else { throw .system(call: "mnl_socket_open(NETLINK_ROUTE)", errno: openErrno) }
        socket = opened
        buffer = [UInt8](repeating: 0, count: 1 << 16)
        guard mnl_socket_bind(opened, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
            let code = errno
            mnl_socket_close(opened)
            throw .system(call: "mnl_socket_bind", errno: code)
        }
        var on: Int32 = 1
        for option in [NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK] {
            _ = mnl_socket_setsockopt(opened, option, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    deinit {
        mnl_socket_close(socket)
    }

    /// Sends one request.
    public func send(_ message: [UInt8]) throws(NetlinkError) {
        let sent = message.withUnsafeBytes { mnl_socket_sendto(socket, $0.baseAddress, $0.count) }
        guard sent == message.count else { throw .system(call: "mnl_socket_sendto", errno: errno) }
    }

    /// Receives one datagram (retrying on EINTR).
    public func receive() throws(NetlinkError) -> [UInt8] {
        while true {
            let count = buffer.withUnsafeMutableBytes { mnl_socket_recvfrom(socket, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(buffer[0..<count]) }
            if errno == EINTR { continue }
            throw .system(call: "mnl_socket_recvfrom", errno: errno)
        }
    }
}
