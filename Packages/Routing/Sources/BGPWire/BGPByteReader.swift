/// Reads big-endian fields from a message, never past `end`. Callers check ``remaining``
/// first and throw the NOTIFICATION that fits; the read functions themselves cannot fail.
struct BGPByteReader {
    /// The whole message.
    let bytes: [UInt8]
    /// The next octet to read.
    var offset: Int
    /// One past the last octet this reader may read.
    let end: Int

    init(_ bytes: [UInt8], from offset: Int, to end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    var remaining: Int { end - offset }

    mutating func readUInt8() -> UInt8 {
        precondition(remaining >= 1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() -> UInt16 {
        precondition(remaining >= 2)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32() -> UInt32 {
        precondition(remaining >= 4)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    mutating func readBytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && remaining >= count)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A reader over the next `count` octets; this reader skips them.
    mutating func subReader(_ count: Int) -> BGPByteReader {
        precondition(count >= 0 && remaining >= count)
        defer { offset += count }
        return BGPByteReader(bytes, from: offset, to: offset + count)
    }
}
