import Models

/// A pool of IPv4 addresses over one or more CIDR ranges, handed out in aligned blocks of
/// 1 to 64 addresses (/32 to /26).
///
/// This is the allocator behind the ledger's IP pools (serviceability §6.1): the device tunnel
/// block (link /31s and loopback /32s in the same bitmap), the user tunnel block (/31s), the
/// multicast group block, the global multicast publisher pool (several ranges, RFC 13) and each
/// device's dz_prefixes (several ranges, first address of each reserved). It is a value type
/// with no I/O.
///
/// ## Rules
///
/// - ``allocate(length:)`` returns the lowest free aligned block, trying the ranges in the order
///   given: every block of the first range comes before any of the second.
/// - ``reserve(_:)`` takes a specific block: aligned to its own size, inside one range, free.
/// - ``release(_:)`` frees a block only if *exactly* that block is allocated. Releasing a /32
///   that is half of an allocated /31, or a /31 made of two allocated /32s, is refused (returns
///   false, changes nothing): a stray release can never free part of someone else's block.
///   Releasing a free block, or one outside the pool, is a no-op, so release is idempotent.
/// - Blocks of different sizes share one bitmap: a /32 in one half of a pair makes that /31
///   unavailable, and an allocated /31 makes both its /32s unavailable.
/// - Reserved offsets (``reservedOffsets``, counted from each range's first address) are held
///   for good: never allocated, never released, not counted in ``capacity``.
/// - Ranges are used as their network (host bits cleared). A range that overlaps an earlier one
///   is skipped — the ledger refuses overlapping dz_prefixes and publisher blocks, so this only
///   guards against corrupt input — and ``ranges`` lists the ranges kept.
///
/// ## Representation
///
/// Per range, a bitmap of occupied addresses, a bitmap of block starts (so blocks can be told
/// apart) and, per block size, an ``ExhaustedWordTree``: a 64-ary tree of "this word has no
/// free slot of this size" bits. Within a word, free aligned slots come from bit tricks (for
/// /31s `~(w | w >> 1) & 0x5555…`). Bitmaps are paged (8 KiB pages made on first write), so a
/// large range — even a /4 — costs memory only for the pages of addresses actually touched.
///
/// ## Complexity (R ranges, W = words of the largest range = size / 64, B allocated blocks, P touched pages)
///
/// | operation | cost |
/// |---|---|
/// | `init(name:ranges:reservedOffsets:)` | O(R² + reserved offsets) |
/// | `init(name:ranges:reservedOffsets:assignments:)` | O(R² + a · (R + log64 W)) for a assignments |
/// | `allocate(length:)` | O(R · log64 W) — log64 W ≤ 5 for any IPv4 range; no amortisation, no hint |
/// | `reserve(_:)`, `release(_:)` | O(R + log64 W) |
/// | `contains`, `isAllocated`, `isReserved`, `includesReservedAddress`, `allocatedBlock(containing:)` | O(R) |
/// | `utilisation`, `allocatedAddressCount`, `capacity` | O(1) / O(R) |
/// | `allocatedBlocks` | O(P · 1024 + B) |
/// | `reranged(to:)` | O(P · 1024 + B · (R + log64 W)) |
public struct IPv4Pool: Sendable {
    /// The block lengths the pool handles: /26 (64 addresses) to /32 (one address).
    public static let supportedLengths: ClosedRange<UInt8> = 26...32

    /// The pool's name, used in errors (for example `"user tunnel block"`); may be changed (a
    /// device's pools follow its code).
    public var name: String
    /// The ranges, in allocation order, as networks; overlapping ones already dropped.
    public let ranges: [IPv4Prefix]
    /// Offsets from each range's first address that are held for good, ascending.
    public let reservedOffsets: [UInt32]
    /// The number of addresses in allocated blocks (reserved offsets not included).
    public private(set) var allocatedAddressCount = 0
    /// The number of allocated blocks.
    public private(set) var allocatedBlockCount = 0

    private var bitmaps: [RangeBitmap]

    /// Creates an empty pool over `ranges`.
    ///
    /// - Parameters:
    ///   - name: the pool's name, used in errors.
    ///   - ranges: the CIDR ranges, in allocation order. Each is taken as its network; one that
    ///     overlaps an earlier range is skipped.
    ///   - reservedOffsets: offsets from each range's first address to keep back, for example
    ///     `[0]` for device dz_prefixes; offsets past a range's end are ignored for that range.
    public init(name: String, ranges: [IPv4Prefix], reservedOffsets: Set<UInt32> = []) {
        self.name = name
        var kept: [IPv4Prefix] = []
        for range in ranges.map(\.network) where !kept.contains(where: { $0.overlaps(range) }) {
            kept.append(range)
        }
        self.ranges = kept
        self.reservedOffsets = reservedOffsets.sorted()
        bitmaps = kept.map { RangeBitmap(size: Int($0.size), reservedOffsets: reservedOffsets.map { Int($0) }) }
    }

    /// Rebuilds a pool from the blocks already assigned to entities.
    ///
    /// The result equals reserving each block in turn on an empty pool; the order of
    /// `assignments` does not matter.
    ///
    /// - Throws: ``AllocationError`` with reason ``AllocationError/Reason/duplicateAssignment``
    ///   for a block sharing an address with an earlier one, or whatever ``reserve(_:)`` throws.
    public init(
        name: String, ranges: [IPv4Prefix], reservedOffsets: Set<UInt32> = [],
        assignments: some Sequence<IPv4Prefix>
    ) throws(AllocationError) {
        self.init(name: name, ranges: ranges, reservedOffsets: reservedOffsets)
        for block in assignments {
            if let (index, offset, count) = try? locate(block),
                bitmaps[index].touchesAllocated(offset: offset, count: count)
            {
                throw error(.duplicateAssignment, block)
            }
            try reserve(block)
        }
    }

    /// The number of addresses the pool can hand out: every address of every range except the
    /// reserved ones.
    public var capacity: Int {
        bitmaps.reduce(0) { $0 + $1.size - $1.reservedCount }
    }

    /// How full the pool is, in addresses.
    public var utilisation: PoolUtilisation {
        PoolUtilisation(allocated: allocatedAddressCount, capacity: capacity)
    }

    /// Whether `address` lies in one of the ranges (allocated, reserved or free).
    public func contains(_ address: IPv4Address) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// Whether every address of `block` lies in one range.
    public func contains(_ block: IPv4Prefix) -> Bool {
        ranges.contains { $0.contains(block.network) }
    }

    /// Whether `address` belongs to an allocated block (reserved addresses do not count).
    public func isAllocated(_ address: IPv4Address) -> Bool {
        allocatedBlock(containing: address) != nil
    }

    /// Whether exactly `block` is allocated (not merely covered by, or covering, allocations).
    public func isAllocated(_ block: IPv4Prefix) -> Bool {
        guard let (index, offset, count) = try? locate(block) else { return false }
        return bitmaps[index].isBlock(offset: offset, count: count)
    }

    /// Whether `address` is one of the pool's reserved addresses.
    public func isReserved(_ address: IPv4Address) -> Bool {
        guard let index = ranges.firstIndex(where: { $0.contains(address) }) else { return false }
        return bitmaps[index].touchesFixed(offset: Int(address.value - ranges[index].address.value), count: 1)
    }

    /// Whether `block` (a supported, aligned block inside the pool) includes a reserved address.
    public func includesReservedAddress(_ block: IPv4Prefix) -> Bool {
        guard let (index, offset, count) = try? locate(block) else { return false }
        return bitmaps[index].touchesFixed(offset: offset, count: count)
    }

    /// The allocated block that holds `address`, if any.
    public func allocatedBlock(containing address: IPv4Address) -> IPv4Prefix? {
        guard let index = ranges.firstIndex(where: { $0.contains(address) }),
            let (offset, count) = bitmaps[index].block(containing: Int(address.value - ranges[index].address.value))
        else { return nil }
        return prefix(range: index, offset: offset, count: count)
    }

    /// Allocates and returns the lowest free aligned block of `length` (for example 31 for a
    /// tunnel /31, 32 for a single address), trying the ranges in order.
    ///
    /// - Throws: ``AllocationError`` with reason ``AllocationError/Reason/unsupportedLength``
    ///   outside /26.../32, or ``AllocationError/Reason/exhausted`` (value `"/31"`, say) when no
    ///   range has a free block of that size.
    public mutating func allocate(length: UInt8) throws(AllocationError) -> IPv4Prefix {
        guard Self.supportedLengths.contains(length) else {
            throw AllocationError(.unsupportedLength, pool: name, bounds: boundsText, value: "/\(length)")
        }
        let sizeClass = Int(32 - length)
        for index in bitmaps.indices {
            if let offset = bitmaps[index].lowestFreeBlock(sizeClass: sizeClass) {
                bitmaps[index].allocate(offset: offset, count: 1 << sizeClass)
                allocatedAddressCount += 1 << sizeClass
                allocatedBlockCount += 1
                return prefix(range: index, offset: offset, count: 1 << sizeClass)
            }
        }
        throw AllocationError(.exhausted, pool: name, bounds: boundsText, value: "/\(length)")
    }

    /// Marks a specific block as allocated.
    ///
    /// - Throws: ``AllocationError`` with reason, checked in this order,
    ///   ``AllocationError/Reason/unsupportedLength`` (not /26.../32),
    ///   ``AllocationError/Reason/misaligned`` (host bits set, such as `10.0.0.1/31`),
    ///   ``AllocationError/Reason/outOfRange`` (not inside one range),
    ///   ``AllocationError/Reason/reservedAddress`` (includes a reserved address) or
    ///   ``AllocationError/Reason/alreadyAllocated`` (shares an address with an allocated block).
    public mutating func reserve(_ block: IPv4Prefix) throws(AllocationError) {
        let (index, offset, count) = try locate(block)
        guard !bitmaps[index].touchesFixed(offset: offset, count: count) else {
            throw error(.reservedAddress, block)
        }
        guard bitmaps[index].isFree(offset: offset, count: count) else {
            throw error(.alreadyAllocated, block)
        }
        bitmaps[index].allocate(offset: offset, count: count)
        allocatedAddressCount += count
        allocatedBlockCount += 1
    }

    /// Frees `block` so it can be allocated again, if exactly that block is allocated.
    ///
    /// Idempotent: releasing a free block, a block outside the pool, a misaligned or
    /// unsupported prefix, a reserved address, or only part of (or more than) an allocated
    /// block changes nothing and returns false.
    ///
    /// - Returns: Whether `block` was allocated before the call.
    @discardableResult
    public mutating func release(_ block: IPv4Prefix) -> Bool {
        guard let (index, offset, count) = try? locate(block),
            bitmaps[index].release(offset: offset, count: count)
        else { return false }
        allocatedAddressCount -= count
        allocatedBlockCount -= 1
        return true
    }

    /// The allocated blocks, range by range in pool order, ascending within a range.
    public var allocatedBlocks: [IPv4Prefix] {
        bitmaps.indices.flatMap { index in
            bitmaps[index].blocks.map { prefix(range: index, offset: $0.offset, count: $0.count) }
        }
    }

    /// The same pool over other ranges (for example a device's new dz_prefixes, or a publisher
    /// pool with a range added), keeping every allocated block that fits in them.
    ///
    /// - Returns: The new pool, and the blocks that no longer fit (or collide with a reserved
    ///   address of the new ranges) and were dropped.
    public func reranged(to newRanges: [IPv4Prefix]) -> (pool: IPv4Pool, dropped: [IPv4Prefix]) {
        var pool = IPv4Pool(name: name, ranges: newRanges, reservedOffsets: Set(reservedOffsets))
        var dropped: [IPv4Prefix] = []
        for block in allocatedBlocks {
            do throws(AllocationError) {
                try pool.reserve(block)
            } catch {
                dropped.append(block)
            }
        }
        return (pool, dropped)
    }

    /// Finds the range holding `block` and its offset and address count there.
    ///
    /// - Throws: ``AllocationError`` with ``AllocationError/Reason/unsupportedLength``,
    ///   ``AllocationError/Reason/misaligned`` or ``AllocationError/Reason/outOfRange``.
    private func locate(_ block: IPv4Prefix) throws(AllocationError) -> (range: Int, offset: Int, count: Int) {
        guard Self.supportedLengths.contains(block.length) else { throw error(.unsupportedLength, block) }
        guard block.isAligned else { throw error(.misaligned, block) }
        guard let index = ranges.firstIndex(where: { $0.contains(block) }) else { throw error(.outOfRange, block) }
        return (index, Int(block.address.value - ranges[index].address.value), Int(block.size))
    }

    /// The block of `count` addresses at `offset` of range `index`, as a prefix.
    private func prefix(range index: Int, offset: Int, count: Int) -> IPv4Prefix {
        IPv4Prefix(
            uncheckedAddress: IPv4Address(ranges[index].address.value &+ UInt32(offset)),
            length: UInt8(32 - count.trailingZeroBitCount))
    }

    /// The ranges as text, for errors: `"169.254.0.0/16"`, or `"a/n, b/m"` for several.
    private var boundsText: String { ranges.map(\.description).joined(separator: ", ") }

    private func error(_ reason: AllocationError.Reason, _ block: IPv4Prefix) -> AllocationError {
        AllocationError(reason, pool: name, bounds: boundsText, value: block.description)
    }
}

extension IPv4Pool: Hashable {
    /// Two pools are equal when they have the same name, ranges, reserved offsets and allocated
    /// blocks; how far their bitmaps have grown does not matter.
    public static func == (lhs: IPv4Pool, rhs: IPv4Pool) -> Bool {
        lhs.name == rhs.name && lhs.ranges == rhs.ranges && lhs.reservedOffsets == rhs.reservedOffsets
            && lhs.bitmaps == rhs.bitmaps
    }

    /// Hashes the name, ranges, reserved offsets and allocated blocks.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(ranges)
        hasher.combine(reservedOffsets)
        hasher.combine(bitmaps)
    }
}

extension IPv4Pool: CustomStringConvertible {
    /// `"user tunnel block 169.254.0.0/16: 4/65536 allocated"`.
    public var description: String { "\(name) \(boundsText): \(utilisation)" }
}
