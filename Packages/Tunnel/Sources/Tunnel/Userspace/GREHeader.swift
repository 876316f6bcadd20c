/// A GRE header (RFC 2784, with the RFC 2890 key and sequence number extensions).
///
/// DoubleZero tunnels use the plain 4-byte form: no checksum, no key, no sequence number,
/// version 0, protocol type 0x0800 (IPv4). Decoding also accepts the optional fields a peer
/// may add, so it can skip them; version 1 (PPTP) and reserved bits are refused.
public struct GREHeader: Hashable, Sendable {
    /// EtherType of IPv4 payloads.
    public static let ipv4: UInt16 = 0x0800
    /// EtherType of IPv6 payloads.
    public static let ipv6: UInt16 = 0x86DD

    /// The payload's EtherType.
    public var protocolType: UInt16
    /// The checksum field, when the C bit is set (carried, not verified).
    public var checksum: UInt16?
    /// The key, when the K bit is set.
    public var key: UInt32?
    /// The sequence number, when the S bit is set.
    public var sequenceNumber: UInt32?

    /// A header; the plain DoubleZero form is `GREHeader(protocolType: GREHeader.ipv4)`.
    public init(protocolType: UInt16, checksum: UInt16? = nil, key: UInt32? = nil, sequenceNumber: UInt32? = nil) {
        self.protocolType = protocolType
        self.checksum = checksum
        self.key = key
        self.sequenceNumber = sequenceNumber
    }

    /// The encoded length: 4, plus 4 for each optional field.
    public var length: Int {
        4 + (checksum == nil ? 0 : 4) + (key == nil ? 0 : 4) + (sequenceNumber == nil ? 0 : 4)
    }

    /// The header's bytes.
    public var bytes: [UInt8] {
        var flags: UInt8 = 0
        if checksum != nil { flags |= 0x80 }
        if key != nil { flags |= 0x20 }
        if sequenceNumber != nil { flags |= 0x10 }
        var bytes: [UInt8] = [flags, 0, UInt8(protocolType >> 8), UInt8(protocolType & 0xFF)]
        if let checksum { bytes += [UInt8(checksum >> 8), UInt8(checksum & 0xFF), 0, 0] }
        if let key { bytes += Self.bigEndian(key) }
        if let sequenceNumber { bytes += Self.bigEndian(sequenceNumber) }
        return bytes
    }

    /// Decodes the header at the start of `bytes`.
    ///
    /// - Throws: ``GREHeaderError`` for a short buffer, a non-zero version or reserved bits.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(GREHeaderError) {
        guard bytes.count >= 4 else { throw .truncated(length: bytes.count, needed: 4) }
        let flags = bytes[0]
        let version = bytes[1] & 0x07
        guard version == 0 else { throw .unsupportedVersion(version) }
        // Routing present (R, 0x40), strict source route (0x08), recursion (0x07), and the
        // reserved bits of the second byte are not used by RFC 2784 senders.
        guard flags & 0x4F == 0, bytes[1] & 0xF8 == 0 else { throw .reservedBitsSet(flags: flags, second: bytes[1]) }
        let needed = 4 + (flags & 0x80 != 0 ? 4 : 0) + (flags & 0x20 != 0 ? 4 : 0) + (flags & 0x10 != 0 ? 4 : 0)
        guard bytes.count >= needed else { throw .truncated(length: bytes.count, needed: needed) }
        protocolType = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        var offset = 4
        checksum = nil
        key = nil
        sequenceNumber = nil
        if flags & 0x80 != 0 {
            checksum = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            offset += 4
        }
        if flags & 0x20 != 0 {
            key = Self.readBigEndian(bytes, offset)
            offset += 4
        }
        if flags & 0x10 != 0 { sequenceNumber = Self.readBigEndian(bytes, offset) }
    }

    /// Decodes the header at the start of `bytes`.
    public init(decoding bytes: [UInt8]) throws(GREHeaderError) {
        let result: Result<GREHeader, GREHeaderError> = bytes.withUnsafeBytes { buffer in
            do throws(GREHeaderError) { return .success(try GREHeader(decoding: buffer)) } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func readBigEndian(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }
}

/// Why bytes are not a GRE header we accept.
public enum GREHeaderError: Error, Hashable, Sendable {
    /// Fewer bytes than the header needs.
    case truncated(length: Int, needed: Int)
    /// A version other than 0 (version 1 is PPTP's enhanced GRE).
    case unsupportedVersion(UInt8)
    /// Routing, strict-source-route, recursion or reserved bits are set.
    case reservedBitsSet(flags: UInt8, second: UInt8)
}
