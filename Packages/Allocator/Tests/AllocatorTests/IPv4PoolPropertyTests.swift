import Models
import PropertyBased
import Testing

@testable import Allocator

/// One step of a random IP pool operation sequence.
private struct AddressOperation: CustomStringConvertible {
    enum Kind { case allocate, reserve, release }

    let kind: Kind
    /// Block length, 26...32 (a few out-of-range lengths for reserve and release).
    let length: UInt8
    /// Which range the reserve or release aims at (modulo the range count).
    let range: Int
    /// Offset from that range's first address; may run past its end.
    let offset: UInt32
    /// Whether the offset is rounded down to the block size (else it may be misaligned).
    let aligned: Bool

    init(kind: Int, length: UInt8, range: Int, offset: UInt32, aligned: Bool) {
        self.kind = kind == 0 ? .allocate : kind == 1 ? .reserve : .release
        self.length = length
        self.range = range
        self.offset = offset
        self.aligned = aligned
    }

    /// The block a reserve or release names, in `ranges`.
    func block(in ranges: [IPv4Prefix]) -> IPv4Prefix {
        let base = ranges[range % ranges.count].address.value
        let size = UInt32(1) << (32 - UInt32(min(length, 32)))
        let start = aligned ? offset & ~(size - 1) : offset
        return IPv4Prefix(uncheckedAddress: IPv4Address(base &+ start), length: min(length, 32))
    }

    var description: String { "\(kind)(/\(length), range \(range), offset \(offset), aligned \(aligned))" }
}

/// The obviously-correct reference: sets of allocated blocks and taken addresses.
private struct AddressSetModel {
    let ranges: [IPv4Prefix]
    let reserved: Set<UInt32>
    var blocks: Set<IPv4Prefix> = []
    var taken: Set<UInt32> = []

    init(ranges: [IPv4Prefix], reservedOffsets: Set<UInt32>) {
        self.ranges = ranges
        reserved = Set(
            ranges.flatMap { range in
                reservedOffsets.filter { UInt64($0) < range.size }.map { range.address.value + $0 }
            })
    }

    func addresses(of block: IPv4Prefix) -> [UInt32] {
        (0..<UInt32(block.size)).map { block.address.value + $0 }
    }

    mutating func allocate(length: UInt8) -> IPv4Prefix? {
        let size = UInt64(1) << (32 - UInt64(length))
        for range in ranges {
            var start = UInt64(range.address.value)
            while start + size <= UInt64(range.address.value) + range.size {
                let block = IPv4Prefix(uncheckedAddress: IPv4Address(UInt32(start)), length: length)
                if addresses(of: block).allSatisfy({ !taken.contains($0) && !reserved.contains($0) }) {
                    take(block)
                    return block
                }
                start += size
            }
        }
        return nil
    }

    mutating func reserve(_ block: IPv4Prefix) -> AllocationError.Reason? {
        guard IPv4Pool.supportedLengths.contains(block.length) else { return .unsupportedLength }
        guard block.isAligned else { return .misaligned }
        guard ranges.contains(where: { $0.contains(block) }) else { return .outOfRange }
        let addresses = addresses(of: block)
        guard !addresses.contains(where: reserved.contains) else { return .reservedAddress }
        guard !addresses.contains(where: taken.contains) else { return .alreadyAllocated }
        take(block)
        return nil
    }

    mutating func release(_ block: IPv4Prefix) -> Bool {
        guard blocks.remove(block) != nil else { return false }
        taken.subtract(addresses(of: block))
        return true
    }

    private mutating func take(_ block: IPv4Prefix) {
        blocks.insert(block)
        taken.formUnion(addresses(of: block))
    }

    /// The blocks in the pool's listing order: range by range, ascending.
    var orderedBlocks: [IPv4Prefix] {
        ranges.flatMap { range in blocks.filter { range.contains($0) }.sorted { $0.address < $1.address } }
    }
}

@Suite("IPv4Pool properties")
struct IPv4PoolPropertyTests {
    /// One to three disjoint ranges of /22 to /32, in a random order.
    private static let ranges = zip(Gen.uint8(in: 22...32).array(of: 1...3), Gen.bool)
        .map { lengths, reversed in
            let ranges = lengths.enumerated().map { index, length in
                IPv4Prefix(uncheckedAddress: IPv4Address(10, UInt8(index * 16), 0, 0), length: length)
            }
            return reversed ? ranges.reversed() : ranges
        }

    private static let reservedOffsets = Gen.int(in: 0...3).map { choice -> Set<UInt32> in
        [[], [0], [0, 5], [1, 63, 64, 200]][choice]
    }

    private static let operations = zip(
        Gen.int(in: 0...2), Gen.uint8(in: 25...33), Gen.int(in: 0...2), Gen.uint32(in: 0...1100), Gen.bool(0.9)
    )
    .map {
        AddressOperation(
            kind: $0, length: $1 < 26 || $1 > 32 ? ($0 == 0 ? 31 : $1) : $1, range: $2, offset: $3, aligned: $4)
    }
    .array(of: 0...300)

    @Test("random operation sequences agree with a Set-based model (lowest free, alignment, errors, release)")
    func agreesWithModel() async {
        await propertyCheck(count: 150, input: Self.ranges, Self.reservedOffsets, Self.operations) {
            ranges, reservedOffsets, operations in
            var pool = IPv4Pool(name: "model", ranges: ranges, reservedOffsets: reservedOffsets)
            var model = AddressSetModel(ranges: ranges, reservedOffsets: reservedOffsets)
            for operation in operations {
                switch operation.kind {
                case .allocate:
                    let expected = model.allocate(length: operation.length)
                    let actual = try? pool.allocate(length: operation.length)
                    #expect(actual == expected, "\(operation) over \(ranges)")
                    if let actual {
                        #expect(actual.isAligned && actual.length == operation.length)
                        #expect(ranges.contains { $0.contains(actual) })
                    }
                case .reserve:
                    let block = operation.block(in: ranges)
                    let expected = model.reserve(block)
                    var actual: AllocationError.Reason?
                    do {
                        try pool.reserve(block)
                    } catch let error as AllocationError {
                        actual = error.reason
                    }
                    #expect(actual == expected, "\(operation) = \(block) over \(ranges)")
                case .release:
                    let block = operation.block(in: ranges)
                    let released = pool.release(block)
                    #expect(released == model.release(block), "\(operation) = \(block) over \(ranges)")
                }
                #expect(pool.allocatedAddressCount == model.taken.count)
                #expect(pool.allocatedBlockCount == model.blocks.count)
            }
            #expect(pool.allocatedBlocks == model.orderedBlocks)
            #expect(pool.utilisation.free == pool.capacity - model.taken.count)
            #expect(pool.capacity == ranges.reduce(0) { $0 + Int($1.size) } - model.reserved.count)
            for block in model.blocks {
                #expect(pool.isAllocated(block))
                for address in model.addresses(of: block) {
                    #expect(pool.allocatedBlock(containing: IPv4Address(address)) == block)
                }
            }
        }
    }

    @Test("no address is ever in two outstanding blocks, and everything handed out lies in a range")
    func neverTwice() async {
        await propertyCheck(count: 150, input: Self.ranges, Self.operations) { ranges, operations in
            var pool = IPv4Pool(name: "unique", ranges: ranges)
            var outstanding: [IPv4Prefix: Set<UInt32>] = [:]
            var owner: [UInt32: IPv4Prefix] = [:]
            for operation in operations {
                var gained: IPv4Prefix?
                switch operation.kind {
                case .allocate:
                    gained = try? pool.allocate(length: operation.length)
                case .reserve:
                    let block = operation.block(in: ranges)
                    if (try? pool.reserve(block)) != nil { gained = block }
                case .release:
                    let block = operation.block(in: ranges)
                    if pool.release(block) {
                        #expect(outstanding[block] != nil, "released \(block) that was never handed out")
                        for address in outstanding.removeValue(forKey: block) ?? [] { owner[address] = nil }
                    }
                }
                if let gained {
                    let addresses = Set((0..<UInt32(gained.size)).map { gained.address.value + $0 })
                    for address in addresses {
                        #expect(
                            owner[address] == nil,
                            "\(IPv4Address(address)) handed out in \(gained) and \(owner[address]!)")
                        owner[address] = gained
                    }
                    outstanding[gained] = addresses
                    #expect(ranges.contains { $0.contains(gained) })
                }
            }
            #expect(Set(pool.allocatedBlocks) == Set(outstanding.keys))
        }
    }

    @Test("release makes a block reusable: freed blocks come back lowest first")
    func releaseThenAllocateLowest() async {
        await propertyCheck(
            count: 100, input: Gen.uint8(in: 22...28), Gen.uint32(in: 0...1023).array(of: 0...40)
        ) { length, picks in
            let range = IPv4Prefix(uncheckedAddress: "169.254.0.0", length: length)
            var pool = IPv4Pool(name: "refill", ranges: [range])
            var all: [IPv4Prefix] = []
            while let block = try? pool.allocate(length: 31) { all.append(block) }
            #expect(all.count == Int(range.size / 2))
            var freed: Set<IPv4Prefix> = []
            for pick in picks {
                let block = all[Int(pick) % all.count]
                let released = pool.release(block)
                #expect(released == !freed.contains(block))
                freed.insert(block)
            }
            for expected in freed.sorted(by: { $0.address < $1.address }) {
                let block = try pool.allocate(length: 31)
                #expect(block == expected)
            }
            #expect(throws: AllocationError.self) { try pool.allocate(length: 31) }
        }
    }

    @Test("rebuilding from assignments equals reserving them one by one, in any order")
    func rebuildEqualsReserves() async {
        await propertyCheck(count: 100, input: Self.ranges, Self.reservedOffsets, Self.operations) {
            ranges, reservedOffsets, operations in
            var reserved = IPv4Pool(name: "rebuild", ranges: ranges, reservedOffsets: reservedOffsets)
            for operation in operations {
                switch operation.kind {
                case .allocate: _ = try? reserved.allocate(length: operation.length)
                case .reserve: try? reserved.reserve(operation.block(in: ranges))
                case .release: reserved.release(operation.block(in: ranges))
                }
            }
            let assignments = reserved.allocatedBlocks
            let rebuilt = try IPv4Pool(
                name: "rebuild", ranges: ranges, reservedOffsets: reservedOffsets, assignments: assignments.reversed())
            #expect(rebuilt == reserved)
            #expect(rebuilt.hashValue == reserved.hashValue)
            var left = rebuilt
            var right = reserved
            for length in IPv4Pool.supportedLengths {
                #expect((try? left.allocate(length: length)) == (try? right.allocate(length: length)))
            }
            if let twice = assignments.first {
                let error = #expect(throws: AllocationError.self) {
                    try IPv4Pool(
                        name: "rebuild", ranges: ranges, reservedOffsets: reservedOffsets,
                        assignments: assignments + [twice])
                }
                #expect(error?.reason == .duplicateAssignment)
            }
        }
    }
}

@Suite("Bitmap building blocks")
struct BitmapBuildingBlockTests {
    @Test("free aligned slots of every size agree with a bit-by-bit check")
    func alignedSlots() async {
        await propertyCheck(count: 500, input: Gen<UInt64>.bitSet, Gen.bool) { word, sparse in
            let occupied = sparse ? word & (word >> 7) & (word >> 13) : word
            var availability: UInt8 = 0
            for sizeClass in AlignedSlots.sizeClasses {
                let size = 1 << sizeClass
                var expected: UInt64 = 0
                for start in stride(from: 0, to: 64, by: size)
                where (start..<(start + size)).allSatisfy({ occupied & (1 << UInt64($0)) == 0 }) {
                    expected |= 1 << UInt64(start)
                }
                #expect(AlignedSlots.freeSlots(in: occupied, sizeClass: sizeClass) == expected)
                if expected != 0 { availability |= 1 << UInt8(sizeClass) }
            }
            #expect(AlignedSlots.availability(of: occupied) == availability)
        }
    }

    @Test("the exhausted-word tree finds the lowest non-exhausted word, like a linear scan")
    func exhaustedWordTree() async {
        await propertyCheck(
            count: 200, input: Gen.int(in: 1...5000), zip(Gen.int(in: 0...4999), Gen.bool(0.7)).array(of: 0...600)
        ) { wordCount, changes in
            var tree = ExhaustedWordTree(wordCount: wordCount)
            var model = [Bool](repeating: false, count: wordCount)
            // Fill a prefix densely so deeper levels saturate, then apply random changes.
            for word in 0..<(wordCount * 3 / 4) {
                tree.setExhausted(word, true)
                model[word] = true
            }
            for (index, exhausted) in changes {
                let word = index % wordCount
                tree.setExhausted(word, exhausted)
                model[word] = exhausted
                #expect(tree.lowestNonExhausted() == model.firstIndex(of: false))
            }
            for word in 0..<wordCount { tree.setExhausted(word, true) }
            #expect(tree.lowestNonExhausted() == nil)
            tree.setExhausted(wordCount - 1, false)
            #expect(tree.lowestNonExhausted() == wordCount - 1)
            #expect(!tree.isExhausted(wordCount - 1))
        }
    }

    @Test("paged words read zero until written and compare by content")
    func pagedWords() {
        var words = PagedWords()
        #expect(words[5_000_000] == 0)
        words.set(5_000_000, 7)
        words.set(3, 1)
        words.set(9_000_000, 0)
        #expect(words[5_000_000] == 7 && words[3] == 1 && words[9_000_000] == 0)
        var seen: [Int] = []
        words.forEachNonZero { index, _ in seen.append(index) }
        #expect(seen == [3, 5_000_000])
        words.set(5_000_000, 0)
        var other = PagedWords()
        other.set(3, 1)
        #expect(words == other)
        #expect(words.hashValue == other.hashValue)
    }
}
