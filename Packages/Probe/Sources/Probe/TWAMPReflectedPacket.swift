/// A TWAMP-light packet sent back by the reflector (RFC 5357 §4.2.1, unauthenticated mode).
///
/// Wire layout: sequence number (4 bytes), timestamp = when the reflector sent it (8), error
/// estimate (2), MBZ (2), receive timestamp = when the test packet arrived (8), sender sequence
/// number (4), sender timestamp (8), sender error estimate (2), MBZ (2), sender TTL (1), then
/// padding: 41 bytes before padding.
public struct TWAMPReflectedPacket: Hashable, Sendable {
    /// The fields before the padding.
    public static let minimumLength = 41

    /// The reflector's own sequence number.
    public var sequence: UInt32
    /// When the reflector sent this packet.
    public var timestamp: NTPTimestamp
    /// The reflector's clock error estimate.
    public var errorEstimate: UInt16
    /// When the reflector received the test packet.
    public var receiveTimestamp: NTPTimestamp
    /// The test packet's sequence number.
    public var senderSequence: UInt32
    /// The test packet's timestamp.
    public var senderTimestamp: NTPTimestamp
    /// The test packet's error estimate.
    public var senderErrorEstimate: UInt16
    /// The TTL the test packet arrived with (255 when the reflector could not read it).
    public var senderTTL: UInt8
    /// The number of zero bytes after the fields.
    public var paddingLength: Int

    /// Creates a packet.
    public init(
        sequence: UInt32, timestamp: NTPTimestamp, errorEstimate: UInt16 = TWAMPTestPacket.defaultErrorEstimate,
        receiveTimestamp: NTPTimestamp, senderSequence: UInt32, senderTimestamp: NTPTimestamp,
        senderErrorEstimate: UInt16, senderTTL: UInt8, paddingLength: Int = 0
    ) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.errorEstimate = errorEstimate
        self.receiveTimestamp = receiveTimestamp
        self.senderSequence = senderSequence
        self.senderTimestamp = senderTimestamp
        self.senderErrorEstimate = senderErrorEstimate
        self.senderTTL = senderTTL
        self.paddingLength = max(0, paddingLength)
    }

    /// The time the packet spent inside the reflector (send minus receive timestamp).
    public var reflectorDelay: Duration {
        timestamp.wallClockTime.duration(since: receiveTimestamp.wallClockTime)
    }

    /// The packet on the wire.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.minimumLength + paddingLength)
        TWAMPPacketHeader(sequence: sequence, timestamp: timestamp, errorEstimate: errorEstimate).append(to: &bytes)
        WireBytes.append(UInt16(0), to: &bytes)
        bytes.append(contentsOf: receiveTimestamp.bytes)
        TWAMPPacketHeader(sequence: senderSequence, timestamp: senderTimestamp, errorEstimate: senderErrorEstimate)
            .append(to: &bytes)
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
        let header = TWAMPPacketHeader(reading: bytes, at: 0)
        let sender = TWAMPPacketHeader(reading: bytes, at: 24)
        self.init(
            sequence: header.sequence, timestamp: header.timestamp, errorEstimate: header.errorEstimate,
            receiveTimestamp: NTPTimestamp(reading: bytes, at: 16), senderSequence: sender.sequence,
            senderTimestamp: sender.timestamp, senderErrorEstimate: sender.errorEstimate, senderTTL: bytes[40],
            paddingLength: bytes.count - Self.minimumLength)
    }
}
