import Models

/// The fields of an IPv4 header the datapath needs: where the payload starts, its protocol,
/// and the two addresses.
public struct IPv4PacketSummary: Hashable, Sendable {
    /// The header length in bytes (IHL × 4).
    public var headerLength: Int
    /// The total length field.
    public var totalLength: Int
    /// The payload protocol (47 for GRE).
    public var protocolNumber: UInt8
    /// The source address.
    public var source: IPv4Address
    /// The destination address.
    public var destination: IPv4Address

    /// Reads the header at the start of `bytes`, or nil when it is not a well-formed IPv4 header
    /// that fits in `bytes`.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 20, bytes[0] >> 4 == 4 else { return nil }
        headerLength = Int(bytes[0] & 0x0F) * 4
        totalLength = Int(bytes[2]) << 8 | Int(bytes[3])
        guard headerLength >= 20, totalLength >= headerLength, totalLength <= bytes.count else { return nil }
        protocolNumber = bytes[9]
        source = IPv4Address(bytes[12], bytes[13], bytes[14], bytes[15])
        destination = IPv4Address(bytes[16], bytes[17], bytes[18], bytes[19])
    }
}
