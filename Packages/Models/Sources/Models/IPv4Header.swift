/// The header at the start of an IPv4 packet (RFC 791): its length, the total length field,
/// fragmentation, TTL, protocol and the two addresses. A pure value: the one IPv4 header parser
/// of the workspace, used by Tunnel's userspace GRE datapath (outer header, TSO/GRO of inner
/// TCP packets) and Probe's raw ICMP socket.
///
/// Parsing checks what makes the header readable — at least 20 bytes, version 4, a header
/// length (IHL × 4) of at least 20 that fits in the bytes — and nothing the reader may want to
/// judge itself: the total length field is read as it is (``payloadRange(inPacketOf:)`` checks
/// it against the bytes at hand), and the header checksum is not verified.
public struct IPv4Header: Hashable, Sendable {
    /// The smallest header (no options), in bytes.
    public static let minimumLength = 20

    /// The header length in bytes, options included (IHL × 4).
    public var headerLength: Int
    /// The total length field: header and payload, in bytes.
    public var totalLength: Int
    /// The identification field (numbers the fragments of one datagram).
    public var identification: UInt16
    /// The DF flag.
    public var dontFragment: Bool
    /// The MF flag: more fragments follow this one.
    public var moreFragments: Bool
    /// The fragment offset field, in units of 8 bytes.
    public var fragmentOffset: Int
    /// Time to live as received.
    public var ttl: UInt8
    /// The payload protocol (1 = ICMP, 6 = TCP, 17 = UDP, 47 = GRE).
    public var protocolNumber: UInt8
    /// The source address.
    public var source: IPv4Address
    /// The destination address.
    public var destination: IPv4Address

    /// Reads the header at the start of `bytes`.
    ///
    /// - Throws: ``IPv4HeaderError`` when the bytes are too short, not version 4, or the header
    ///   length is below 20 or beyond the bytes.
    public init(parsing bytes: UnsafeRawBufferPointer) throws(IPv4HeaderError) {
        guard bytes.count >= Self.minimumLength else {
            throw .truncated(length: bytes.count, needed: Self.minimumLength)
        }
        let version = bytes[0] >> 4
        guard version == 4 else { throw .notVersion4(version: version) }
        headerLength = Int(bytes[0] & 0x0F) * 4
        guard headerLength >= Self.minimumLength else { throw .headerLengthBelowMinimum(headerLength) }
        guard bytes.count >= headerLength else { throw .truncated(length: bytes.count, needed: headerLength) }
        totalLength = Int(bytes[2]) << 8 | Int(bytes[3])
        identification = UInt16(bytes[4]) << 8 | UInt16(bytes[5])
        dontFragment = bytes[6] & 0x40 != 0
        moreFragments = bytes[6] & 0x20 != 0
        fragmentOffset = Int(bytes[6] & 0x1F) << 8 | Int(bytes[7])
        ttl = bytes[8]
        protocolNumber = bytes[9]
        source = IPv4Address(bytes[12], bytes[13], bytes[14], bytes[15])
        destination = IPv4Address(bytes[16], bytes[17], bytes[18], bytes[19])
    }

    /// Reads the header at the start of `bytes`.
    ///
    /// - Throws: ``IPv4HeaderError``, as for a raw buffer.
    public init(parsing bytes: some Collection<UInt8>) throws(IPv4HeaderError) {
        /// Parses a contiguous buffer, keeping the error typed through the closure.
        func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<IPv4Header, IPv4HeaderError> {
            Result { () throws(IPv4HeaderError) in try IPv4Header(parsing: UnsafeRawBufferPointer(buffer)) }
        }
        let result = bytes.withContiguousStorageIfAvailable(parse) ?? Array(bytes).withUnsafeBufferPointer(parse)
        self = try result.get()
    }

    /// Whether this is a fragment of a larger datagram (MF set or a non-zero offset).
    public var isFragment: Bool { moreFragments || fragmentOffset != 0 }

    /// Where the payload lies in a packet of `count` bytes that starts with this header, by the
    /// total length field: `headerLength..<totalLength`. Nil when the field is below the header
    /// length or beyond the `count` bytes at hand; bytes after the total length are not payload.
    public func payloadRange(inPacketOf count: Int) -> Range<Int>? {
        guard headerLength <= totalLength, totalLength <= count else { return nil }
        return headerLength..<totalLength
    }
}
