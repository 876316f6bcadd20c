/// Big-endian reads and writes shared by the packet codecs.
enum WireBytes {
    /// The big-endian `UInt16` at `offset`.
    static func uint16(_ bytes: [UInt8], at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    /// The big-endian `UInt32` at `offset`.
    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// Appends `value` big-endian.
    static func append(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    /// Appends `value` big-endian.
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        append(UInt16(value >> 16), to: &bytes)
        append(UInt16(value & 0xFFFF), to: &bytes)
    }
}
