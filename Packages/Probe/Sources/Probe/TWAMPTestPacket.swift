/// A TWAMP-light test packet from the sender (RFC 5357 §4.1.2, unauthenticated mode).
///
/// Wire layout: sequence number (4 bytes), timestamp (8, ``NTPTimestamp``), error estimate (2),
/// then padding. The sender pads to ``TWAMPReflectedPacket/minimumLength`` (41 bytes) by
/// default so both directions carry packets of the same size (RFC 6038 symmetric size).
public struct TWAMPTestPacket: Hashable, Sendable {
    /// The fields before the padding.
    public static let minimumLength = TWAMPPacketHeader.length
    /// The error estimate this implementation sends: S = 0 (clock not known to be synchronised
    /// to UTC), Z = 0 (NTP format), scale 0, multiplier 1 (a multiplier of 0 is invalid).
    public static let defaultErrorEstimate: UInt16 = 0x0001

    /// The sender's sequence number, counting from 0.
    public var sequence: UInt32
    /// When the sender sent it.
    public var timestamp: NTPTimestamp
    /// The sender's clock error estimate (RFC 4656 §4.1.2).
    public var errorEstimate: UInt16
    /// The number of zero bytes after the fields.
    public var paddingLength: Int

    /// Creates a packet.
    public init(
        sequence: UInt32, timestamp: NTPTimestamp, errorEstimate: UInt16 = defaultErrorEstimate,
        paddingLength: Int = TWAMPReflectedPacket.minimumLength - minimumLength
    ) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.errorEstimate = errorEstimate
        self.paddingLength = max(0, paddingLength)
    }

    /// The fields before the padding, as the reflector echoes them.
    public var header: TWAMPPacketHeader {
        TWAMPPacketHeader(sequence: sequence, timestamp: timestamp, errorEstimate: errorEstimate)
    }

    /// The packet on the wire.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.minimumLength + paddingLength)
        header.append(to: &bytes)
        bytes.append(contentsOf: repeatElement(0, count: paddingLength))
        return bytes
    }

    /// Reads a test packet; whatever follows the fields counts as padding.
    ///
    /// - Throws: ``PacketDecodingError/truncated(packet:length:needed:)`` below 14 bytes.
    public init(decoding bytes: some Collection<UInt8>) throws(PacketDecodingError) {
        let bytes = Array(bytes)
        guard bytes.count >= Self.minimumLength else {
            throw .truncated(packet: "TWAMP test packet", length: bytes.count, needed: Self.minimumLength)
        }
        let header = TWAMPPacketHeader(reading: bytes, at: 0)
        self.init(
            sequence: header.sequence, timestamp: header.timestamp, errorEstimate: header.errorEstimate,
            paddingLength: bytes.count - Self.minimumLength)
    }
}
