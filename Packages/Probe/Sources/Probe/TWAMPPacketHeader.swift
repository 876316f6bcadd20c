/// The fields a TWAMP-light packet starts with (RFC 5357 §4.1.2 and §4.2.1), which the reflected
/// packet repeats for the test packet it answers: sequence number (4 bytes), timestamp (8,
/// ``NTPTimestamp``), error estimate (2).
public struct TWAMPPacketHeader: Hashable, Sendable {
    /// The bytes the fields take.
    static let length = 14

    /// The sequence number.
    public var sequence: UInt32
    /// When the packet was sent.
    public var timestamp: NTPTimestamp
    /// The sender's clock error estimate (RFC 4656 §4.1.2).
    public var errorEstimate: UInt16

    /// The fields as given.
    public init(
        sequence: UInt32, timestamp: NTPTimestamp, errorEstimate: UInt16 = TWAMPTestPacket.defaultErrorEstimate
    ) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.errorEstimate = errorEstimate
    }

    /// Reads the fields at `offset`; `bytes` must hold ``length`` bytes from there.
    init(reading bytes: [UInt8], at offset: Int) {
        sequence = WireBytes.uint32(bytes, at: offset)
        timestamp = NTPTimestamp(reading: bytes, at: offset + 4)
        errorEstimate = WireBytes.uint16(bytes, at: offset + 12)
    }

    /// Appends the fields to `bytes` in wire order.
    func append(to bytes: inout [UInt8]) {
        WireBytes.append(sequence, to: &bytes)
        bytes.append(contentsOf: timestamp.bytes)
        WireBytes.append(errorEstimate, to: &bytes)
    }
}
