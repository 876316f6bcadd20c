/// The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum
/// of the data taken as big-endian 16-bit words (an odd last byte is padded with a zero byte).
///
/// ICMP carries it over the whole ICMP message with the checksum field set to zero; a message
/// whose checksum field is filled in sums (with ``compute(_:)``) to zero.
public enum InternetChecksum {
    /// The checksum of `bytes`.
    public static func compute(_ bytes: some Collection<UInt8>) -> UInt16 {
        var sum: UInt32 = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let high = UInt32(bytes[index])
            index = bytes.index(after: index)
            var low: UInt32 = 0
            if index != bytes.endIndex {
                low = UInt32(bytes[index])
                index = bytes.index(after: index)
            }
            sum += high << 8 | low
            // Fold early so the sum cannot overflow on very long inputs.
            if sum > 0xFFFF_0000 { sum = (sum & 0xFFFF) + (sum >> 16) }
        }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    /// Whether `bytes`, which include a filled-in checksum field, carry a correct checksum.
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        compute(bytes) == 0
    }
}
