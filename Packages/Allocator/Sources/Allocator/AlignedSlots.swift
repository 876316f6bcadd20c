/// Bit tricks over one 64-bit occupancy word (bit `i` set = address `i` of the word taken):
/// where the free *aligned* slots of `2^k` addresses are, for size classes `k` = 0...6
/// (1 to 64 addresses, /32 to /26).
///
/// A slot of class `k` starts at a multiple of `2^k` and is free when all its `2^k` bits are
/// clear. Starting from the clear bits, each class halves the previous one: a class-`k` slot at
/// `p` is free when the class-`k-1` slots at `p` and `p + 2^(k-1)` both are, so
/// `free(k) = free(k-1) & (free(k-1) >> 2^(k-1)) & alignment(k)`. For /31 pairs this is the
/// familiar `~(w | w >> 1) & 0x5555_5555_5555_5555`. Every function here is O(1).
enum AlignedSlots {
    /// The size classes: class `k` holds `2^k` addresses.
    static let sizeClasses = 0...6

    /// For each class, a bit at every multiple of `2^k`: the possible slot starts.
    private static let alignment: [UInt64] = [
        ~0,
        0x5555_5555_5555_5555,
        0x1111_1111_1111_1111,
        0x0101_0101_0101_0101,
        0x0001_0001_0001_0001,
        0x0000_0001_0000_0001,
        0x0000_0000_0000_0001,
    ]

    /// The start bits of the free class-`sizeClass` slots of `occupied`.
    static func freeSlots(in occupied: UInt64, sizeClass: Int) -> UInt64 {
        var free = ~occupied
        var width: UInt64 = 1
        for k in 0..<sizeClass {
            free &= (free >> width) & alignment[k + 1]
            width <<= 1
        }
        return free
    }

    /// Bit `k` set when `occupied` still has at least one free class-`k` slot.
    static func availability(of occupied: UInt64) -> UInt8 {
        var result: UInt8 = 0
        var free = ~occupied
        var width: UInt64 = 1
        for k in sizeClasses {
            if k > 0 {
                free &= (free >> width) & alignment[k]
                width <<= 1
            }
            if free == 0 { break }  // a class with no free slot leaves none for the larger ones
            result |= 1 << UInt8(k)
        }
        return result
    }

    /// The bits `offset ..< offset + count` of a word (`count` in 1...64, within the word).
    static func mask(offset: Int, count: Int) -> UInt64 {
        let ones: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        return ones << UInt64(offset)
    }

    /// The bits strictly above `bit`.
    static func bits(above bit: Int) -> UInt64 {
        bit >= 63 ? 0 : ~0 << UInt64(bit + 1)
    }
}
