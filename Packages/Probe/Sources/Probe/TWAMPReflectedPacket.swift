/// A TWAMP-light packet sent back by the reflector (RFC 5357 §4.2.1, unauthenticated mode).
///
/// Wire layout: the reflector's ``TWAMPPacketHeader`` (sequence number, timestamp = when the
/// reflector sent it, error estimate: 14 bytes), MBZ (2), receive timestamp = when the test
/// packet arrived (8), the test packet's header as received (14), MBZ (2), sender TTL (1), then
/// padding: 41 bytes before padding.
public struct TWAMPReflectedPacket: Hashable, Sendable {
    /// The fields before the padding.
    public static let minimumLength = 41

    /// The reflector's own sequence number, send time and error estimate.
    public var reflector: TWAMPPacketHeader
    /// When the reflector received the test packet.
    public var receiveTimestamp: NTPTimestamp
    /// The test packet's sequence number, timestamp and error estimate, echoed.
    public var sender: TWAMPPacketHeader
    /// The TTL the test packet arrived with (255 when the reflector could not read it).
    public var senderTTL: UInt8
    /// The number of zero bytes after the fields.
    public var paddingLength: Int

    /// Creates a packet.
    public init(
        reflector: TWAMPPacketHeader, receiveTimestamp: NTPTimestamp, sender: TWAMPPacketHeader, senderTTL: UInt8,
        paddingLength: Int = 0
    ) {
        self.reflector = reflector
        self.receiveTimestamp = receiveTimestamp
        self.sender = sender
        self.senderTTL = senderTTL
        self.paddingLength = max(0, paddingLength)
    }

    /// The time the packet spent inside the reflector (send minus receive timestamp).
    public var reflectorDelay: Duration {
        reflector.timestamp.wallClockTime.duration(since: receiveTimestamp.wallClockTime)
    }

    /// The packet on the wire.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.minimumLength + paddingLength)
        reflector.append(to: &bytes)
        WireBytes.append(UInt16(0), to: &bytes)
        bytes.append(contentsOf: receiveTimestamp.bytes)
        sender.append(to: &bytes)
        WireBytes.append(UInt16(0), to: &bytes)
        bytes.append(senderTTL)
        bytes.append(contentsOf: repeatElement(0, count: paddingLength))
        return bytes
    }

    /// Reads a reflected packet; the MBZ fields are not checked (RFC 5357: ignore on receipt).
    ///
    /// - Throws: ``PacketDecodingError/truncated(packet:length:needed:)`` below 41 bytes.
    public init(decoding bytes: some Collection<UInt8>) throws(PacketDecodingError) {
        let bytes = Array(bytes)
        guard bytes.count >= Self.minimumLength else {
            throw .truncated(packet: "TWAMP reflected packet", length: bytes.count, needed: Self.minimumLength)
        }
        self.init(
            reflector: TWAMPPacketHeader(reading: bytes, at: 0), receiveTimestamp: NTPTimestamp(reading: bytes, at: 16),
            sender: TWAMPPacketHeader(reading: bytes, at: 24), senderTTL: bytes[40],
            paddingLength: bytes.count - Self.minimumLength)
    }
}
