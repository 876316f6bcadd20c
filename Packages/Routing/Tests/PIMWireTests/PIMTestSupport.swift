import Models

/// An independent RFC 1071 checksum, written out plainly so the tests do not check the codec
/// with the code it uses: 16-bit big-endian words (odd tail padded with 0), end-around carry,
/// complement.
func referenceChecksum(_ bytes: [UInt8]) -> UInt16 {
    var sum: UInt32 = 0
    var index = 0
    while index < bytes.count {
        let high = UInt32(bytes[index])
        let low = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
        sum += high << 8 | low
        sum = (sum & 0xFFFF) + (sum >> 16)
        index += 2
    }
    return ~UInt16(sum)
}

/// The four octets of an address literal.
func octets(_ address: IPv4Address) -> [UInt8] { address.bytes }

/// A big-endian UInt16 from two octets of `bytes`.
func word(_ bytes: [UInt8], at index: Int) -> UInt16 { UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) }
