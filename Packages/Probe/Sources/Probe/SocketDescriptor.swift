#if canImport(Glibc)
    import Glibc
#endif
import Models

/// A datagram received with what the kernel told about it.
struct ReceivedDatagram: Sendable {
    /// The bytes (for raw sockets including the IP header).
    var bytes: [UInt8]
    /// The sender's address.
    var source: IPv4Address
    /// The sender's port (0 for ICMP).
    var sourcePort: UInt16
    /// When the kernel received it (`SO_TIMESTAMPNS`), if reported.
    var kernelTimestamp: WallClockTime?
    /// The IP TTL it arrived with (`IP_RECVTTL`), if reported.
    var ttl: UInt8?
}

/// An owned IPv4 socket file descriptor with the few operations the probers need; closed when
/// released. Linux only (`SO_TIMESTAMPNS`, `ICMP_FILTER`).
final class SocketDescriptor: Sendable {
    /// `SO_TIMESTAMPNS` (`SO_TIMESTAMPNS_OLD`, a 64-bit `timespec` on 64-bit Linux).
    static let timestampNanosecondsOption: Int32 = 35
    /// `IP_RECVTTL`.
    static let receiveTTLOption: Int32 = 12
    /// `IP_TTL`: the control message type carrying the received TTL.
    static let ttlControlType: Int32 = 2
    /// `SOL_RAW`.
    static let rawLevel: Int32 = 255
    /// `ICMP_FILTER`.
    static let icmpFilterOption: Int32 = 1

    /// The descriptor.
    let fd: Int32

    /// Opens an IPv4 socket; `context` names it in the error.
    static func open(type: Int32, protocolNumber: Int32, context: String) throws(ProbeError) -> SocketDescriptor {
        let fd = socket(AF_INET, type | Int32(SOCK_CLOEXEC.rawValue), protocolNumber)
        guard fd >= 0 else { throw .systemCall(call: "socket", errno: errno, context: context) }
        return SocketDescriptor(fd: fd)
    }

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    /// Sets an integer socket option.
    func setOption(level: Int32, name: Int32, value: Int32, context: String) throws(ProbeError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw .systemCall(call: "setsockopt", errno: errno, context: context)
        }
    }

    /// Binds to `address:port` (port 0: any).
    func bind(address: IPv4Address, port: UInt16) throws(ProbeError) {
        var socketAddress = Self.socketAddress(address, port: port)
        let result = withUnsafePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            throw .systemCall(call: "bind", errno: errno, context: "\(address):\(port)")
        }
    }

    /// The locally bound port.
    func localPort() throws(ProbeError) -> UInt16 {
        var socketAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw .systemCall(call: "getsockname", errno: errno, context: "socket \(fd)") }
        return UInt16(bigEndian: socketAddress.sin_port)
    }

    /// Sends one datagram; returns the errno instead of throwing (a failed probe is a lost probe).
    func send(_ bytes: [UInt8], to address: IPv4Address, port: UInt16) -> Int32? {
        var socketAddress = Self.socketAddress(address, port: port)
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &socketAddress) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        return sent < 0 ? errno : nil
    }

    /// Waits until a datagram can be read or `timeout` passes; also returns when `wakeDescriptor`
    /// becomes readable. Returns whether this socket is readable.
    func waitReadable(timeout: Duration, wakeDescriptor: Int32? = nil) throws(ProbeError) -> Bool {
        var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        if let wakeDescriptor { descriptors.append(pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)) }
        // poll(2) counts whole milliseconds: round up so a wait never ends early.
        let (seconds, attoseconds) = max(timeout, .zero).components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: milliseconds))
        if ready < 0 {
            if errno == EINTR { return false }
            throw .systemCall(call: "poll", errno: errno, context: "socket \(fd)")
        }
        return descriptors[0].revents & Int16(POLLIN) != 0
    }

    /// Reads one datagram without blocking; nil when none is waiting.
    func receive(maximumLength: Int = 2048) throws(ProbeError) -> ReceivedDatagram? {
        var buffer = [UInt8](repeating: 0, count: maximumLength)
        var control = [UInt8](repeating: 0, count: 256)
        var source = sockaddr_in()
        let (count, controlLength): (Int, Int) = buffer.withUnsafeMutableBytes { bufferPointer in
            control.withUnsafeMutableBytes { controlPointer in
                withUnsafeMutablePointer(to: &source) { sourcePointer in
                    var vector = iovec(iov_base: bufferPointer.baseAddress, iov_len: bufferPointer.count)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr(
                            msg_name: UnsafeMutableRawPointer(sourcePointer),
                            msg_namelen: socklen_t(MemoryLayout<sockaddr_in>.size), msg_iov: vectorPointer,
                            msg_iovlen: 1, msg_control: controlPointer.baseAddress,
                            msg_controllen: controlPointer.count, msg_flags: 0)
                        let received = recvmsg(fd, &message, Int32(MSG_DONTWAIT))
                        return (received, received >= 0 ? message.msg_controllen : 0)
                    }
                }
            }
        }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return nil }
            throw .systemCall(call: "recvmsg", errno: errno, context: "socket \(fd)")
        }
        var datagram = ReceivedDatagram(
            bytes: Array(buffer[0..<count]), source: IPv4Address(UInt32(bigEndian: source.sin_addr.s_addr)),
            sourcePort: UInt16(bigEndian: source.sin_port))
        Self.readControlMessages(Array(control[0..<min(controlLength, control.count)]), into: &datagram)
        return datagram
    }

    /// Fills the timestamp and TTL from `struct cmsghdr` records (`len`, `level`, `type`, data
    /// aligned to `size_t`).
    private static func readControlMessages(_ control: [UInt8], into datagram: inout ReceivedDatagram) {
        let wordSize = MemoryLayout<Int>.size
        let headerSize = MemoryLayout<cmsghdr>.size
        func align(_ length: Int) -> Int { (length + wordSize - 1) & ~(wordSize - 1) }
        var offset = 0
        control.withUnsafeBytes { raw in
            while offset + headerSize <= raw.count {
                let length = raw.loadUnaligned(fromByteOffset: offset, as: Int.self)
                let level = raw.loadUnaligned(fromByteOffset: offset + wordSize, as: Int32.self)
                let type = raw.loadUnaligned(fromByteOffset: offset + wordSize + 4, as: Int32.self)
                guard length >= headerSize, offset + length <= raw.count else { return }
                let data = offset + align(headerSize)
                let dataLength = length - align(headerSize)
                if level == SOL_SOCKET && type == timestampNanosecondsOption
                    && dataLength >= MemoryLayout<timespec>.size
                {
                    datagram.kernelTimestamp = WallClockTime(raw.loadUnaligned(fromByteOffset: data, as: timespec.self))
                } else if level == Int32(IPPROTO_IP) && type == ttlControlType && dataLength >= 4 {
                    datagram.ttl = UInt8(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: data, as: Int32.self))
                }
                offset += align(length)
            }
        }
    }

    /// A `sockaddr_in` for `address:port`.
    static func socketAddress(_ address: IPv4Address, port: UInt16) -> sockaddr_in {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr = in_addr(s_addr: address.value.bigEndian)
        return socketAddress
    }
}
