#if canImport(Glibc)
    import Glibc
#endif
import Models

/// An open ICMP socket that sends echo requests and reads echo replies, of either
/// ``ICMPSocketKind``.
///
/// The socket belongs to the network namespace of the thread that opened it; to probe from
/// another namespace, open it inside LinuxHost's `NetworkNamespace.perform(_:)`.
public final class ICMPSocket: Sendable {
    /// Which kind to open.
    public enum Preference: String, Hashable, Sendable, CaseIterable {
        /// A datagram socket, else a raw one (what `ping` does).
        case automatic
        /// A datagram socket only.
        case datagram
        /// A raw socket only.
        case raw
    }

    /// One echo reply as received.
    public struct Reply: Hashable, Sendable {
        /// The echo reply.
        public var message: ICMPEchoMessage
        /// The address that answered.
        public var source: IPv4Address
        /// When the kernel received it, if it said.
        public var kernelTimestamp: WallClockTime?
    }

    /// The kind actually opened.
    public let kind: ICMPSocketKind
    /// The echo identifier this socket's requests carry (for datagram sockets the kernel's
    /// choice, the socket's local port).
    public let identifier: UInt16
    /// The descriptor.
    let descriptor: SocketDescriptor

    /// Opens a socket of the preferred kind with kernel receive timestamps on.
    ///
    /// - Throws: ``ProbeError/icmpSocketUnavailable(datagramErrno:rawErrno:)`` when `automatic`
    ///   finds neither kind allowed; ``ProbeError/systemCall(call:errno:context:)`` otherwise.
    public init(_ preference: Preference = .automatic) throws(ProbeError) {
        switch preference {
        case .datagram:
            (descriptor, identifier) = try Self.openDatagram()
            kind = .datagram
        case .raw:
            (descriptor, identifier) = try Self.openRaw()
            kind = .raw
        case .automatic:
            do {
                (descriptor, identifier) = try Self.openDatagram()
                kind = .datagram
            } catch let datagramError {
                do {
                    (descriptor, identifier) = try Self.openRaw()
                    kind = .raw
                } catch let rawError {
                    throw .icmpSocketUnavailable(datagramErrno: datagramError.errno, rawErrno: rawError.errno)
                }
            }
        }
        try descriptor.setOption(
            level: SOL_SOCKET, name: SocketDescriptor.timestampNanosecondsOption, value: 1,
            context: "SO_TIMESTAMPNS on the \(kind.rawValue) ICMP socket")
    }

    private static func openDatagram() throws(ProbeError) -> (SocketDescriptor, UInt16) {
        let descriptor = try SocketDescriptor.open(
            type: Int32(SOCK_DGRAM.rawValue), protocolNumber: Int32(IPPROTO_ICMP), context: "a datagram ICMP socket")
        try descriptor.bind(address: .unspecified, port: 0)
        return (descriptor, try descriptor.localPort())
    }

    private static func openRaw() throws(ProbeError) -> (SocketDescriptor, UInt16) {
        let descriptor = try SocketDescriptor.open(
            type: Int32(SOCK_RAW.rawValue), protocolNumber: Int32(IPPROTO_ICMP), context: "a raw ICMP socket")
        // Let only echo replies (type 0) through: the filter's set bits block types.
        try descriptor.setOption(
            level: SocketDescriptor.rawLevel, name: SocketDescriptor.icmpFilterOption, value: ~Int32(1),
            context: "ICMP_FILTER on the raw ICMP socket")
        return (descriptor, UInt16.random(in: 1...UInt16.max))
    }

    /// The bytes of an echo request with this socket's identifier.
    public func echoRequest(sequence: UInt16, payload: [UInt8]) -> [UInt8] {
        ICMPEchoMessage(kind: .request, identifier: identifier, sequence: sequence, payload: payload).encoded()
    }

    /// Sends an encoded echo request (see ``echoRequest(sequence:payload:)``); returns the errno
    /// when the kernel refused it (no route, for instance), which the prober counts as a lost
    /// probe.
    public func send(echoRequest bytes: [UInt8], to address: IPv4Address) -> Int32? {
        descriptor.send(bytes, to: address, port: 0)
    }

    /// Waits up to `timeout` for something to read.
    public func waitReadable(timeout: Duration) throws(ProbeError) -> Bool {
        try descriptor.waitReadable(timeout: timeout)
    }

    /// Reads the next echo reply meant for this socket without blocking; skips whatever else
    /// arrives (other identifiers, corrupt messages). Nil when nothing is left to read.
    public func receiveEchoReply() throws(ProbeError) -> Reply? {
        while let datagram = try descriptor.receive() {
            var icmpBytes = datagram.bytes
            var source = datagram.source
            if kind == .raw {
                guard let header = try? IPv4Header(parsing: datagram.bytes) else { continue }
                // Linux hands raw sockets the total length as sent; where it does not fit the
                // bytes received, the rest of the datagram is taken as the payload.
                let payload =
                    header.payloadRange(inPacketOf: datagram.bytes.count)
                    ?? header.headerLength..<datagram.bytes.count
                icmpBytes = Array(datagram.bytes[payload])
                source = header.source
            }
            guard let message = try? ICMPEchoMessage(decoding: icmpBytes), message.kind == .reply else { continue }
            // The kernel demultiplexes datagram sockets itself; raw sockets see every reply.
            if kind == .raw && message.identifier != identifier { continue }
            return Reply(message: message, source: source, kernelTimestamp: datagram.kernelTimestamp)
        }
        return nil
    }
}

extension ProbeError {
    /// The errno of a failed system call, 0 for other errors.
    var errno: Int32 {
        if case .systemCall(_, let errno, _) = self { return errno }
        return 0
    }
}
