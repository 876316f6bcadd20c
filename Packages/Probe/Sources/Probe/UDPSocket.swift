#if canImport(Glibc)
    import Glibc
#endif
import Models

/// A bound UDP socket with kernel receive timestamps and received TTLs, for TWAMP-light.
///
/// Like ``ICMPSocket`` it belongs to the network namespace it was opened in.
public final class UDPSocket: Sendable {
    /// One datagram as received.
    public struct Datagram: Hashable, Sendable {
        /// The payload.
        public var bytes: [UInt8]
        /// The sender's address.
        public var source: IPv4Address
        /// The sender's port.
        public var sourcePort: UInt16
        /// When the kernel received it, if it said.
        public var kernelTimestamp: WallClockTime?
        /// The IP TTL it arrived with, if the kernel said.
        public var ttl: UInt8?
    }

    /// The descriptor.
    let descriptor: SocketDescriptor
    /// The port it is bound to.
    public let port: UInt16

    /// Opens a socket bound to `address:port` (port 0: a free port).
    public init(address: IPv4Address = .unspecified, port: UInt16 = 0) throws(ProbeError) {
        descriptor = try SocketDescriptor.open(
            type: Int32(SOCK_DGRAM.rawValue), protocolNumber: Int32(IPPROTO_UDP), context: "a UDP socket")
        try descriptor.setOption(
            level: SOL_SOCKET, name: Int32(SO_REUSEADDR), value: 1, context: "SO_REUSEADDR on \(address):\(port)")
        try descriptor.bind(address: address, port: port)
        try descriptor.setOption(
            level: SOL_SOCKET, name: SocketDescriptor.timestampNanosecondsOption, value: 1,
            context: "SO_TIMESTAMPNS on \(address):\(port)")
        try descriptor.setOption(
            level: Int32(IPPROTO_IP), name: SocketDescriptor.receiveTTLOption, value: 1,
            context: "IP_RECVTTL on \(address):\(port)")
        self.port = try descriptor.localPort()
    }

    /// Sends one datagram; returns the errno when the kernel refused it.
    public func send(_ bytes: [UInt8], to address: IPv4Address, port: UInt16) -> Int32? {
        descriptor.send(bytes, to: address, port: port)
    }

    /// Waits up to `timeout` for a datagram, or until `wakeDescriptor` is readable.
    func waitReadable(timeout: Duration, wakeDescriptor: Int32? = nil) throws(ProbeError) -> Bool {
        try descriptor.waitReadable(timeout: timeout, wakeDescriptor: wakeDescriptor)
    }

    /// Waits up to `timeout` for a datagram.
    public func waitReadable(timeout: Duration) throws(ProbeError) -> Bool {
        try descriptor.waitReadable(timeout: timeout)
    }

    /// Reads one datagram without blocking; nil when none is waiting.
    public func receive() throws(ProbeError) -> Datagram? {
        guard let datagram = try descriptor.receive() else { return nil }
        return Datagram(
            bytes: datagram.bytes, source: datagram.source, sourcePort: datagram.sourcePort,
            kernelTimestamp: datagram.kernelTimestamp, ttl: datagram.ttl)
    }
}
