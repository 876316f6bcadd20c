/// For one block size, which words of a range's bitmap have no free aligned slot of that size
/// left, kept as a 64-ary tree of bits so the lowest word that still has one is found without
/// scanning.
///
/// Level 0 has one bit per bitmap word (set = exhausted); a bit of level `i + 1` is set when
/// the whole 64-bit word below it in level `i` is set. The top level is a single word. Levels are
/// ``PagedWords``: unwritten words read as zero ("not exhausted"), which is right for bitmap
/// words that were never touched — they are empty.
///
/// Depth `d` is the smallest with `64^d ≥ wordCount`: at most 5 for a whole /0 (2^26 words).
/// ``lowestNonExhausted()`` and ``setExhausted(_:_:)`` cost O(d) = O(log64 wordCount).
struct ExhaustedWordTree: Sendable {
    /// The number of bitmap words the tree covers.
    let wordCount: Int
    /// `levels[0]` is the leaves; the last level has (at most) one word.
    private var levels: [PagedWords]

    /// A tree over `wordCount` words, none exhausted.
    init(wordCount: Int) {
        self.wordCount = wordCount
        var depth = 1
        var covered = 64
        while covered < wordCount {
            covered *= 64
            depth += 1
        }
        levels = Array(repeating: PagedWords(), count: depth)
    }

    /// The lowest word that is not exhausted, or nil when every word is.
    ///
    /// Descending to the lowest clear bit at each level finds the lowest clear leaf: a parent
    /// bit is clear exactly when some leaf below it is. Leaves past ``wordCount`` read as clear,
    /// so a result at or past it means every real word is exhausted.
    func lowestNonExhausted() -> Int? {
        var index = 0
        for level in levels.indices.reversed() {
            let bits = levels[level][index]
            // A full word is only possible at the top: below a clear parent bit a word is never full.
            guard bits != ~0 else { return nil }
            index = index * 64 + (~bits).trailingZeroBitCount
        }
        return index < wordCount ? index : nil
    }

    /// Whether `word` is marked exhausted.
    func isExhausted(_ word: Int) -> Bool {
        levels[0][word / 64] & (1 << UInt64(word % 64)) != 0
    }

    /// Marks `word` exhausted or not, and updates the levels above.
    mutating func setExhausted(_ word: Int, _ exhausted: Bool) {
        var index = word
        var value = exhausted
        for level in levels.indices {
            let slot = index / 64
            let mask: UInt64 = 1 << UInt64(index % 64)
            let before = levels[level][slot]
            let after = value ? before | mask : before & ~mask
            guard before != after else { return }
            levels[level].set(slot, after)
            // The parent bit says "this whole word is set"; it changes only when fullness does.
            guard (before == ~0) != (after == ~0) else { return }
            value = after == ~0
            index = slot
        }
    }
}
