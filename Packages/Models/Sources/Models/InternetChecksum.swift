/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of the
/// data taken as 16-bit big-endian words (an odd last byte is padded with zero). ICMP, IPv4,
/// TCP and UDP all use it; a message whose checksum field is filled in sums to zero.
public enum InternetChecksum {
    /// The ones' complement sum of `bytes` (an odd last byte padded with zero), added to
    /// `initial`, not folded.
    public static func sum(_ bytes: UnsafeRawBufferPointer, initial: UInt64 = 0) -> UInt64 {
        var total = initial
        var offset = 0
        let count = bytes.count
        // 32-bit big-endian words into a 64-bit accumulator: carries are folded at the end.
        while offset + 4 <= count {
            total &+= UInt64(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            offset += 4
        }
        if offset + 2 <= count {
            total &+= UInt64(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
            offset += 2
        }
        if offset < count { total &+= UInt64(bytes[offset]) << 8 }
        return total
    }

    /// Folds a sum to 16 bits (without complementing).
    public static func fold(_ sum: UInt64) -> UInt16 {
        var value = sum
        while value >> 16 != 0 { value = (value & 0xFFFF) &+ (value >> 16) }
        return UInt16(value)
    }

    /// The checksum field value for `bytes` (with the field itself zeroed) plus `initial`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, initial: UInt64 = 0) -> UInt16 {
        ~fold(sum(bytes, initial: initial))
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt16 {
        if let result = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { checksum($0) }
    }

    /// Whether `bytes`, which include a filled-in checksum field, carry a correct checksum.
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        checksum(bytes) == 0
    }

    /// The IPv4 pseudo-header sum for a transport segment of `length` bytes.
    public static func pseudoHeaderSum(source: UInt32, destination: UInt32, protocolNumber: UInt8, length: Int)
        -> UInt64
    {
        UInt64(source >> 16) + UInt64(source & 0xFFFF) + UInt64(destination >> 16) + UInt64(destination & 0xFFFF)
            + UInt64(protocolNumber) + UInt64(length)
    }
}
