/// The occupancy of one CIDR range of an ``IPv4Pool``, in aligned blocks of 1 to 64 addresses.
///
/// Three bitmaps over the range's offsets (bit `n % 64` of word `n / 64` is offset `n`):
///
/// - `occupied`: the address is taken, by an allocated block or for good (`fixed`);
/// - `starts`: an allocated block starts here. A block is aligned to its size and never crosses
///   a word, so it runs from its start bit up to (not including) the next start bit, clear bit,
///   fixed bit or word end. This is what lets ``release(offset:count:)`` free exact blocks only;
/// - `fixed` (sparse): reserved offsets, and for ranges under 64 addresses the padding bits past
///   the range's end, which stay occupied so no slot can run past it.
///
/// `occupied` and `starts` are ``PagedWords``, so a large range costs memory only for the pages
/// of addresses actually touched. One ``ExhaustedWordTree`` per size class finds the lowest word
/// holding a free slot of that class in O(log64 W) for W words.
struct RangeBitmap: Sendable {
    /// The number of addresses in the range (up to 2^32).
    let size: Int
    /// The number of 64-bit words covering the range.
    let wordCount: Int
    /// The number of reserved offsets inside the range.
    let reservedCount: Int

    private var occupied = PagedWords()
    private var starts = PagedWords()
    private var fixed: [Int: UInt64] = [:]
    private var exhausted: [ExhaustedWordTree]

    /// An empty range of `size` addresses (a power of two) with `reservedOffsets` kept back;
    /// offsets at or past `size` are ignored.
    init(size: Int, reservedOffsets: some Sequence<Int>) {
        self.size = size
        wordCount = max(1, size / 64)
        exhausted = AlignedSlots.sizeClasses.map { _ in ExhaustedWordTree(wordCount: max(1, size / 64)) }
        var reserved = 0
        if size < 64 {
            fixed[0] = ~AlignedSlots.mask(offset: 0, count: size)
        }
        for offset in Set(reservedOffsets) where (0..<size).contains(offset) {
            fixed[offset / 64, default: 0] |= 1 << UInt64(offset % 64)
            reserved += 1
        }
        reservedCount = reserved
        for (word, bits) in fixed {
            update(word: word) { occupied, _ in occupied |= bits }
        }
    }

    /// The offset of the lowest free aligned block of `2^sizeClass` addresses, if any.
    ///
    /// O(log64 W): the tree gives the word, the bit tricks the slot.
    func lowestFreeBlock(sizeClass: Int) -> Int? {
        guard let word = exhausted[sizeClass].lowestNonExhausted() else { return nil }
        let slots = AlignedSlots.freeSlots(in: occupiedWord(word), sizeClass: sizeClass)
        // The tree says the word has a free slot; an empty result would mean a broken invariant.
        guard slots != 0 else { return nil }
        return word * 64 + slots.trailingZeroBitCount
    }

    /// Whether none of the `count` addresses from `offset` is occupied (allocated or fixed).
    func isFree(offset: Int, count: Int) -> Bool {
        occupiedWord(offset / 64) & AlignedSlots.mask(offset: offset % 64, count: count) == 0
    }

    /// Whether any of the `count` addresses from `offset` is fixed (reserved or padding).
    func touchesFixed(offset: Int, count: Int) -> Bool {
        fixedWord(offset / 64) & AlignedSlots.mask(offset: offset % 64, count: count) != 0
    }

    /// Whether any of the `count` addresses from `offset` belongs to an allocated block.
    func touchesAllocated(offset: Int, count: Int) -> Bool {
        let word = offset / 64
        return (occupiedWord(word) & ~fixedWord(word)) & AlignedSlots.mask(offset: offset % 64, count: count) != 0
    }

    /// Whether exactly the block of `count` addresses at `offset` is allocated (not a part of a
    /// larger block, not several smaller ones).
    func isBlock(offset: Int, count: Int) -> Bool {
        let word = offset / 64
        let bit = offset % 64
        return blockLength(word: word, bit: bit) == count
    }

    /// The allocated block holding `offset`, as (start offset, address count), if any.
    ///
    /// O(7): a block is aligned to its size, so its start is `offset` rounded down to one of
    /// seven sizes; the first candidate with a start bit whose block reaches `offset` is it.
    func block(containing offset: Int) -> (offset: Int, count: Int)? {
        let word = offset / 64
        let bit = offset % 64
        guard occupiedWord(word) & ~fixedWord(word) & (1 << UInt64(bit)) != 0 else { return nil }
        for sizeClass in AlignedSlots.sizeClasses {
            let start = bit & ~((1 << sizeClass) - 1)
            if let length = blockLength(word: word, bit: start) {
                return start + length > bit ? (word * 64 + start, length) : nil
            }
        }
        return nil
    }

    /// Marks the block of `count` addresses at `offset` allocated; the caller has checked that it
    /// is aligned and free. O(log64 W).
    mutating func allocate(offset: Int, count: Int) {
        let bit = offset % 64
        let mask = AlignedSlots.mask(offset: bit, count: count)
        update(word: offset / 64) { occupied, starts in
            occupied |= mask
            starts |= 1 << UInt64(bit)
        }
    }

    /// Frees the block of `count` addresses at `offset` if exactly that block is allocated.
    /// O(log64 W).
    ///
    /// - Returns: Whether it was (nothing changes otherwise).
    mutating func release(offset: Int, count: Int) -> Bool {
        guard isBlock(offset: offset, count: count) else { return false }
        let bit = offset % 64
        let mask = AlignedSlots.mask(offset: bit, count: count)
        update(word: offset / 64) { occupied, starts in
            occupied &= ~mask
            starts &= ~(1 << UInt64(bit))
        }
        return true
    }

    /// The allocated blocks in ascending order, as (offset, count). O(touched pages + blocks).
    var blocks: [(offset: Int, count: Int)] {
        var result: [(offset: Int, count: Int)] = []
        starts.forEachNonZero { word, startBits in
            var bits = startBits
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                if let length = blockLength(word: word, bit: bit) {
                    result.append((word * 64 + bit, length))
                }
                bits &= bits - 1
            }
        }
        return result
    }

    /// The length of the allocated block starting at `bit` of `word`, or nil if none starts there.
    private func blockLength(word: Int, bit: Int) -> Int? {
        let startBits = startWord(word)
        guard startBits & (1 << UInt64(bit)) != 0 else { return nil }
        let ends = (~occupiedWord(word) | startBits | fixedWord(word)) & AlignedSlots.bits(above: bit)
        let end = ends == 0 ? 64 : ends.trailingZeroBitCount
        return end - bit
    }

    private func occupiedWord(_ word: Int) -> UInt64 { occupied[word] }
    private func startWord(_ word: Int) -> UInt64 { starts[word] }
    private func fixedWord(_ word: Int) -> UInt64 { fixed[word] ?? 0 }

    /// Applies `change` to one word's occupied and start bits, then refreshes the size-class
    /// trees for that word where its availability changed.
    private mutating func update(word: Int, _ change: (inout UInt64, inout UInt64) -> Void) {
        var occupiedBits = occupied[word]
        var startBits = starts[word]
        let before = AlignedSlots.availability(of: occupiedBits)
        change(&occupiedBits, &startBits)
        occupied.set(word, occupiedBits)
        starts.set(word, startBits)
        let after = AlignedSlots.availability(of: occupiedBits)
        var changed = before ^ after
        while changed != 0 {
            let sizeClass = changed.trailingZeroBitCount
            exhausted[sizeClass].setExhausted(word, after & (1 << UInt8(sizeClass)) == 0)
            changed &= changed - 1
        }
    }
}

extension RangeBitmap: Hashable {
    /// Equal when the size, the fixed bits and the allocated blocks are; the derived trees do not
    /// take part.
    static func == (lhs: RangeBitmap, rhs: RangeBitmap) -> Bool {
        lhs.size == rhs.size && lhs.fixed == rhs.fixed && lhs.occupied == rhs.occupied && lhs.starts == rhs.starts
    }

    /// Hashes the size, the fixed bits and the allocated blocks.
    func hash(into hasher: inout Hasher) {
        hasher.combine(size)
        hasher.combine(fixed)
        hasher.combine(occupied)
        hasher.combine(starts)
    }
}
