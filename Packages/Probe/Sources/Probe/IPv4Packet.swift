import Models

/// The parts of a received IPv4 packet a prober needs: who sent it, its TTL and protocol, and
/// the bytes after the header. Raw sockets deliver the IP header; datagram sockets do not.
public struct IPv4Packet: Hashable, Sendable {
    /// The smallest IPv4 header (no options).
    public static let minimumHeaderLength = 20

    /// The source address.
    public var source: IPv4Address
    /// The destination address.
    public var destination: IPv4Address
    /// Time to live as received.
    public var ttl: UInt8
    /// The protocol number (1 = ICMP, 17 = UDP).
    public var protocolNumber: UInt8
    /// The bytes after the header (and options), up to the header's total length.
    public var payload: [UInt8]

    /// Reads an IPv4 packet.
    ///
    /// - Throws: ``PacketDecodingError`` when the packet is short or not IPv4.
    public init(decoding bytes: some Collection<UInt8>) throws(PacketDecodingError) {
        let bytes = Array(bytes)
        guard bytes.count >= Self.minimumHeaderLength else {
            throw .truncated(packet: "IPv4 packet", length: bytes.count, needed: Self.minimumHeaderLength)
        }
        let version = bytes[0] >> 4
        guard version == 4 else { throw .badIPv4Header(reason: "version \(version), expected 4") }
        let headerLength = Int(bytes[0] & 0x0F) * 4
        guard headerLength >= Self.minimumHeaderLength else {
            throw .badIPv4Header(reason: "header length \(headerLength) below 20")
        }
        guard bytes.count >= headerLength else {
            throw .truncated(packet: "IPv4 header with options", length: bytes.count, needed: headerLength)
        }
        // Linux hands raw sockets the total length as sent; trust the shorter of the two.
        let totalLength = Int(bytes[2]) << 8 | Int(bytes[3])
        let end = totalLength >= headerLength ? min(totalLength, bytes.count) : bytes.count
        self.ttl = bytes[8]
        self.protocolNumber = bytes[9]
        self.source = IPv4Address(bytes[12], bytes[13], bytes[14], bytes[15])
        self.destination = IPv4Address(bytes[16], bytes[17], bytes[18], bytes[19])
        self.payload = Array(bytes[headerLength..<end])
    }
}
