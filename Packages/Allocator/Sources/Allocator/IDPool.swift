/// A pool of integer IDs over the half-open range `[start, end)`, backed by a bitmap.
///
/// This is the allocator behind the ledger's ID pools (serviceability §6.1): per-device
/// `TunnelIds` `[500, 4596)`, global `LinkIds` `[0, 65535)`, `SegmentRoutingIds` `[1, 65535)`,
/// `VrfIds` `[1, 1024)` and `AdminGroupBits` `[1, 127)`. It is a value type with no I/O; the
/// activator owns one per pool and the ledger program can rebuild one from the entities it
/// holds to check an allocation.
///
/// ## Representation
///
/// Bit `k` of word `k / 64` (bit `k % 64`) is set when ID `start + k` is allocated. Words are
/// created lazily, so memory is one `UInt64` per 64 IDs up to the highest ID ever reserved,
/// and creating a pool costs nothing. A hint, ``lowestPossiblyFreeWord``, records that every
/// word below it is full, so `allocate()` starts its scan there.
///
/// The upstream on-chain allocator moves its hint to the released word even when that word
/// lies *after* the hint, which can make a later allocation skip lower free IDs. This pool
/// only ever lowers the hint on release, so ``allocate()`` always returns the lowest free ID.
///
/// ## Complexity (n = capacity, w = n / 64 words)
///
/// | operation | cost |
/// |---|---|
/// | `init(name:range:)` | O(1) |
/// | `init(name:range:assignments:)` | O(a) for a assignments, plus word growth |
/// | `reserve(_:)`, `release(_:)`, `contains(_:)`, `isAllocated(_:)`, `utilisation` | O(1) (amortised O(1) for `reserve`, which may grow the word array) |
/// | `allocate()` | O(1) amortised: each full word is skipped once and the hint moves past it; a release lowers the hint, so a sequence of allocations after releases costs O(1 + words skipped), at worst O(w) for one call; O(1) when the pool is full |
/// | `allocatedIDs` | O(w + allocated) |
public struct IDPool: Sendable {
    /// The pool's name, used in errors (for example `"tunnel-ids"`); may be changed (a device's
    /// pools follow its code).
    public var name: String
    /// The IDs the pool hands out: `[start, end)`.
    public let range: Range<UInt32>

    /// The bitmap; words past the end of the array are implicitly zero.
    private var words: [UInt64] = []
    /// Every word with an index below this one is full.
    private var hint = 0
    /// The number of set bits in `words`.
    public private(set) var allocatedCount = 0

    /// Creates an empty pool over `range`.
    public init(name: String, range: Range<UInt32>) {
        self.name = name
        self.range = range
    }

    /// Rebuilds a pool from the IDs already assigned to entities.
    ///
    /// The result equals reserving each ID in turn on an empty pool. The order of
    /// `assignments` does not matter.
    ///
    /// - Throws: ``AllocationError`` with reason ``AllocationError/Reason/outOfRange`` for an ID
    ///   outside `range`, or ``AllocationError/Reason/duplicateAssignment`` for an ID listed twice.
    public init(name: String, range: Range<UInt32>, assignments: some Sequence<UInt32>) throws(AllocationError) {
        self.init(name: name, range: range)
        for id in assignments {
            if isAllocated(id) {
                throw error(.duplicateAssignment, id)
            }
            try reserve(id)
        }
    }

    /// The number of IDs the pool can hold (`end - start`).
    public var capacity: Int { range.count }

    /// Every word below this index is full; ``allocate()`` starts scanning here.
    public var lowestPossiblyFreeWord: Int { hint }

    /// How full the pool is.
    public var utilisation: PoolUtilisation {
        PoolUtilisation(allocated: allocatedCount, capacity: capacity)
    }

    /// Whether `id` lies in the pool's range (allocated or not).
    public func contains(_ id: UInt32) -> Bool {
        range.contains(id)
    }

    /// Whether `id` is currently allocated; false for IDs outside the range.
    public func isAllocated(_ id: UInt32) -> Bool {
        guard let (word, mask) = position(of: id), word < words.count else { return false }
        return words[word] & mask != 0
    }

    /// Marks a specific ID as allocated.
    ///
    /// - Throws: ``AllocationError`` with reason ``AllocationError/Reason/outOfRange`` or
    ///   ``AllocationError/Reason/alreadyAllocated``.
    public mutating func reserve(_ id: UInt32) throws(AllocationError) {
        guard let (word, mask) = position(of: id) else {
            throw error(.outOfRange, id)
        }
        growWords(toInclude: word)
        guard words[word] & mask == 0 else {
            throw error(.alreadyAllocated, id)
        }
        words[word] |= mask
        allocatedCount += 1
    }

    /// Allocates and returns the lowest free ID.
    ///
    /// - Throws: ``AllocationError`` with reason ``AllocationError/Reason/exhausted`` when every
    ///   ID is taken.
    public mutating func allocate() throws(AllocationError) -> UInt32 {
        guard allocatedCount < capacity else {
            throw error(.exhausted, nil)
        }
        let wordCount = (capacity + 63) / 64
        var word = hint
        while word < wordCount {
            let bits = word < words.count ? words[word] : 0
            if bits != ~0 {
                let bit = (~bits).trailingZeroBitCount
                let offset = word * 64 + bit
                // Only the last, partial word can have a clear bit past the end.
                guard offset < capacity else { break }
                growWords(toInclude: word)
                words[word] |= 1 << UInt64(bit)
                allocatedCount += 1
                hint = words[word] == ~0 ? word + 1 : word
                return range.lowerBound + UInt32(offset)
            }
            word += 1
        }
        // Unreachable while allocatedCount < capacity; kept so a broken invariant cannot
        // hand out an ID twice.
        hint = word
        throw error(.exhausted, nil)
    }

    /// Frees an ID so it can be allocated again.
    ///
    /// Idempotent: releasing a free ID, or one outside the range, changes nothing.
    ///
    /// - Returns: Whether the ID was allocated before the call.
    @discardableResult
    public mutating func release(_ id: UInt32) -> Bool {
        guard let (word, mask) = position(of: id), word < words.count, words[word] & mask != 0 else {
            return false
        }
        words[word] &= ~mask
        allocatedCount -= 1
        hint = min(hint, word)
        return true
    }

    /// The allocated IDs in ascending order.
    public var allocatedIDs: [UInt32] {
        var ids: [UInt32] = []
        ids.reserveCapacity(allocatedCount)
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                ids.append(range.lowerBound + UInt32(index * 64 + bit))
                bits &= bits - 1
            }
        }
        return ids
    }

    /// The word index and bit mask of `id`, or nil when it is outside the range.
    private func position(of id: UInt32) -> (word: Int, mask: UInt64)? {
        guard range.contains(id) else { return nil }
        let offset = Int(id - range.lowerBound)
        return (offset / 64, 1 << UInt64(offset % 64))
    }

    /// Appends zero words so that `words[word]` exists.
    private mutating func growWords(toInclude word: Int) {
        if word >= words.count {
            words.append(contentsOf: repeatElement(0, count: word - words.count + 1))
        }
    }

    /// The pool's bounds as `[start, end)`.
    private var boundsText: String { "[\(range.lowerBound), \(range.upperBound))" }

    private func error(_ reason: AllocationError.Reason, _ id: UInt32?) -> AllocationError {
        AllocationError(reason, pool: name, bounds: boundsText, value: id.map { String($0) })
    }
}

extension IDPool: Hashable {
    /// Two pools are equal when they have the same name, range and allocated IDs.
    ///
    /// The scan hint and the length of the lazily grown word array do not take part.
    public static func == (lhs: IDPool, rhs: IDPool) -> Bool {
        guard lhs.name == rhs.name, lhs.range == rhs.range, lhs.allocatedCount == rhs.allocatedCount else {
            return false
        }
        let count = max(lhs.words.count, rhs.words.count)
        for index in 0..<count {
            let left = index < lhs.words.count ? lhs.words[index] : 0
            let right = index < rhs.words.count ? rhs.words[index] : 0
            if left != right { return false }
        }
        return true
    }

    /// Hashes the name, the range and the allocated IDs (trailing empty words are ignored).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(range)
        let significant = words.lastIndex { $0 != 0 }.map { $0 + 1 } ?? 0
        hasher.combine(significant)
        for word in words.prefix(significant) {
            hasher.combine(word)
        }
    }
}

extension IDPool: CustomStringConvertible {
    /// `"tunnel-ids [500, 4596): 3/4096 allocated"`.
    public var description: String {
        "\(name) \(boundsText): \(utilisation)"
    }
}
