import CMnl
import Glibc
import LinuxHost

/// A `NETLINK_ROUTE` socket through libmnl, bound in one network namespace.
///
/// The socket belongs to the namespace that was current on the thread that opened it; every
/// request through it acts on that namespace, whichever thread sends it later.
public final class MnlSocket: NetlinkSocket {
    /// The receive buffer asked for (`SO_RCVBUFFORCE`, else `SO_RCVBUF` up to `rmem_max`): room
    /// for the acknowledgements of a whole route batch (each takes about 1 KiB of buffer space in
    /// the kernel's accounting) so that none is dropped.
    public static let defaultReceiveBufferBytes: Int32 = 8 << 20
    /// How many datagrams ``receiveAvailable()`` reads with one `recvmmsg`.
    static let datagramsPerReceive = 64
    /// The room for each of them: an acknowledgement, even with an extended-ack message, is far
    /// smaller.
    static let datagramSize = 8192

    private let socket: OpaquePointer
    private var buffer: [UInt8]
    /// `recvmmsg` buffers, made on the first ``receiveAvailable()``.
    private var datagrams: PacketBatch?

    /// Opens and binds a `NETLINK_ROUTE` socket in `namespace` (the caller's by default).
    ///
    /// Extended acks (kernel error messages) and capped acks are turned on, and strict checking
    /// so the kernel filters dumps by the attributes a request carries. The receive buffer is
    /// `receiveBufferBytes` (the kernel doubles it for its bookkeeping; tests shrink it to force
    /// overruns). `NETLINK_NO_ENOBUFS` stays off on purpose: should acknowledgements
    /// still overflow the buffer, the next receive fails with ENOBUFS, and
    /// ``NetlinkSession/applyRoutes(_:acknowledgement:)`` resends what went unanswered instead of waiting for
    /// acknowledgements that were silently dropped.
    public init(
        namespace: NetworkNamespace? = nil, receiveBufferBytes: Int32 = MnlSocket.defaultReceiveBufferBytes
    ) throws(NetlinkError) {
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
        // Forcing needs CAP_NET_ADMIN; without it the kernel caps SO_RCVBUF at rmem_max.
        var size = receiveBufferBytes
        let descriptor = mnl_socket_get_fd(opened)
        let length = socklen_t(MemoryLayout<Int32>.size)
        if setsockopt(descriptor, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0 {
            _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, length)
        }
    }

    deinit {
        datagrams?.deallocate()
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

    /// Receives every queued datagram, up to ``datagramsPerReceive``, with one `recvmmsg` that
    /// waits for the first (`MSG_WAITFORONE`) when `waiting`, and returns none at once when
    /// nothing is queued otherwise (`MSG_DONTWAIT`); retries on EINTR.
    ///
    /// - Throws: ``NetlinkError/system(call:errno:)`` with ENOBUFS when the kernel dropped
    ///   messages because the receive buffer was full (reported once; the queued messages are
    ///   read by the next call); ``NetlinkError/malformedReply(operation:reason:)`` for a
    ///   datagram larger than ``datagramSize``.
    public func receiveAvailable(waiting: Bool) throws(NetlinkError) -> [[UInt8]] {
        let batch: PacketBatch
        if let datagrams {
            batch = datagrams
        } else {
            batch = PacketBatch(count: Self.datagramsPerReceive, slotSize: Self.datagramSize)
            datagrams = batch
        }
        // MSG_WAITFORONE (0x10000) is declared by glibc only under _GNU_SOURCE.
        let flags: Int32 = waiting ? 0x10000 : Int32(MSG_DONTWAIT)
        while true {
            for index in 0..<Self.datagramsPerReceive {
                batch.setLength(index, Self.datagramSize)
                batch.messages[index].msg_hdr.msg_flags = 0
            }
            let count = cmnl_recvmmsg(
                mnl_socket_get_fd(socket), batch.messages, UInt32(Self.datagramsPerReceive), flags)
            if count < 0 {
                if errno == EINTR { continue }
                if !waiting && (errno == EAGAIN || errno == EWOULDBLOCK) { return [] }
                throw .system(call: "recvmmsg on netlink", errno: errno)
            }
            var received: [[UInt8]] = []
            received.reserveCapacity(Int(count))
            for index in 0..<Int(count) {
                let message = batch.messages[index]
                guard message.msg_hdr.msg_flags & Int32(MSG_TRUNC) == 0 else {
                    throw .malformedReply(
                        operation: "receive netlink replies", reason: "a datagram above \(Self.datagramSize) bytes")
                }
                let bytes = UnsafeRawBufferPointer(start: batch.slot(index), count: Int(message.msg_len))
                received.append(Array(bytes))
            }
            return received
        }
    }
}
