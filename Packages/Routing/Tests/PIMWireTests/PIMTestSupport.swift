import Models
import PropertyBased

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

/// A generator whose whole state comes from `seed` (SplitMix64, as the xoshiro authors advise),
/// so a failing seed reproduces. Not `Xoshiro(seed: (seed, 1, 2, 3))`: xoshiro256**'s first
/// output depends only on the second state word, so the first draw would be the same for every
/// seed (every message would be of the same kind).
func seededGenerator(_ seed: UInt64) -> Xoshiro {
    var state = seed
    func splitMix() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    return Xoshiro(seed: (splitMix(), splitMix(), splitMix(), splitMix()))
}
