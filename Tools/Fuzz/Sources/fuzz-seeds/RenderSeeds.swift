/// Byte strings for the render target, which reads any bytes as a network: a few constant ones
/// (each byte steering every choice the same way) and pseudo-random ones from a fixed seed.
enum RenderSeeds {
    static var all: [(name: String, bytes: [UInt8])] {
        var seeds: [(name: String, bytes: [UInt8])] = [0x02, 0x03, 0x05, 0x07].map {
            ("constant-\($0)", [UInt8](repeating: $0, count: 512))
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for number in 0..<6 {
            let bytes = (0..<(256 << (number % 3))).map { _ in UInt8(truncatingIfNeeded: splitMix(&state) >> 56) }
            seeds.append(("random-\(number)", bytes))
        }
        return seeds
    }

    /// SplitMix64: the next number of the sequence `state` runs through.
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
