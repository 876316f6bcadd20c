import Models

/// Reads big-endian fields from a PIM message, checking before every read that the field fits:
/// a short message throws ``PIMDecodingError/Kind/truncated(needed:available:)`` naming the field
/// and its offset, never traps.
struct PIMByteReader {
    /// The whole message.
    let bytes: [UInt8]
    /// The next octet to read.
    private(set) var offset: Int

    init(_ bytes: [UInt8], from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    /// Throws unless `count` octets are left for `field`.
    func require(_ count: Int, _ field: String) throws(PIMDecodingError) {
        guard count <= remaining else {
            throw PIMDecodingError(.truncated(needed: count, available: remaining), field: field, at: offset)
        }
    }

    mutating func readUInt8(_ field: String) throws(PIMDecodingError) -> UInt8 {
        try require(1, field)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16(_ field: String) throws(PIMDecodingError) -> UInt16 {
        try require(2, field)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32(_ field: String) throws(PIMDecodingError) -> UInt32 {
        try require(4, field)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    mutating func skip(_ count: Int, _ field: String) throws(PIMDecodingError) {
        try require(count, field)
        offset += count
    }

    /// Everything left.
    mutating func readRest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    /// An encoded-unicast address (RFC 7761 §4.9.1): family 1, encoding 0, four address octets.
    mutating func readEncodedUnicast(_ field: String) throws(PIMDecodingError) -> IPv4Address {
        try readFamilyAndEncoding(field)
        return IPv4Address(try readUInt32("\(field) address"))
    }

    /// An encoded-group or encoded-source address: family 1, encoding 0, flags, mask length ≤ 32,
    /// address. Returns the flags octet as sent, the mask length and the address.
    mutating func readEncodedGroupOrSource(_ field: String) throws(PIMDecodingError) -> (
        flags: UInt8, maskLength: UInt8, address: IPv4Address
    ) {
        try readFamilyAndEncoding(field)
        let flags = try readUInt8("\(field) flags")
        let maskLength = try readUInt8("\(field) mask length")
        guard maskLength <= 32 else {
            throw PIMDecodingError(.maskLengthAbove32(maskLength), field: "\(field) mask length", at: offset - 1)
        }
        return (flags, maskLength, IPv4Address(try readUInt32("\(field) address")))
    }

    private mutating func readFamilyAndEncoding(_ field: String) throws(PIMDecodingError) {
        let family = try readUInt8("\(field) address family")
        guard family == PIMWireFormat.addressFamilyIPv4 else {
            throw PIMDecodingError(.unsupportedAddressFamily(family), field: "\(field) address family", at: offset - 1)
        }
        let encoding = try readUInt8("\(field) encoding type")
        guard encoding == PIMWireFormat.nativeEncoding else {
            throw PIMDecodingError(.unsupportedEncodingType(encoding), field: "\(field) encoding type", at: offset - 1)
        }
    }
}
