import Models
import Testing

@testable import Allocator

@Suite("IPv4Pool examples")
struct IPv4PoolTests {
    @Test("/31s come out lowest first: 169.254.0.0/31, .2/31, …")
    func tunnelNetsAscending() throws {
        var pool = IPv4Pool(name: "user tunnel block", ranges: ["169.254.0.0/16"])
        #expect(try pool.allocate(length: 31) == "169.254.0.0/31")
        #expect(try pool.allocate(length: 31) == "169.254.0.2/31")
        #expect(try pool.allocate(length: 31) == "169.254.0.4/31")
        #expect(pool.allocatedBlocks == ["169.254.0.0/31", "169.254.0.2/31", "169.254.0.4/31"])
        #expect(pool.utilisation == PoolUtilisation(allocated: 6, capacity: 65536))
        #expect(pool.allocatedBlockCount == 3)
        #expect(pool.description == "user tunnel block 169.254.0.0/16: 6/65536 allocated")
    }

    @Test("ranges are used in order: the second range only when the first is full")
    func multiRangeOrder() throws {
        var pool = IPv4Pool(name: "multicast publisher block", ranges: ["148.51.120.0/30", "147.51.126.0/31"])
        var handedOut: [IPv4Address] = []
        while let block = try? pool.allocate(length: 32) { handedOut.append(block.address) }
        #expect(
            handedOut == [
                "148.51.120.0", "148.51.120.1", "148.51.120.2", "148.51.120.3", "147.51.126.0", "147.51.126.1",
            ])
        let released = pool.release("148.51.120.2/32")
        #expect(released)
        #expect(try pool.allocate(length: 32) == "148.51.120.2/32")
    }

    @Test("reserved offset 0 of each dz_prefix is never handed out; allocation spills to the next prefix")
    func reservedFirstAddress() throws {
        var pool = IPv4Pool(
            name: "dz_prefixes of device la2-dz01", ranges: ["100.0.0.0/30", "100.0.1.0/29"], reservedOffsets: [0])
        #expect(pool.capacity == 3 + 7)
        var handedOut: [IPv4Address] = []
        while let block = try? pool.allocate(length: 32) { handedOut.append(block.address) }
        #expect(handedOut == ["100.0.0.1", "100.0.0.2", "100.0.0.3"] + (1...7).map { IPv4Address(100, 0, 1, $0) })
        #expect(pool.isReserved("100.0.0.0"))
        #expect(pool.isReserved("100.0.1.0"))
        #expect(!pool.isAllocated(IPv4Address("100.0.0.0")))
        #expect(pool.utilisation.fraction == 1)
        #expect(
            throws: AllocationError(
                .reservedAddress, pool: pool.name, bounds: "100.0.0.0/30, 100.0.1.0/29", value: "100.0.1.0/32")
        ) {
            try pool.reserve("100.0.1.0/32")
        }
        let releasedReserved = pool.release("100.0.0.0/32")
        #expect(!releasedReserved)
        #expect(pool.isReserved("100.0.0.0"))
    }

    @Test("a /32 in one half of a pair makes that /31 unavailable, and a /31 blocks both its /32s")
    func pairSharing() throws {
        var pool = IPv4Pool(name: "device tunnel block", ranges: ["172.16.0.0/29"])
        #expect(try pool.allocate(length: 32) == "172.16.0.0/32")  // a loopback
        #expect(try pool.allocate(length: 31) == "172.16.0.2/31")  // a link skips the broken pair
        #expect(try pool.allocate(length: 32) == "172.16.0.1/32")  // the next loopback fills the gap
        #expect(try pool.allocate(length: 31) == "172.16.0.4/31")
        #expect(
            throws: AllocationError(
                .alreadyAllocated, pool: "device tunnel block", bounds: "172.16.0.0/29", value: "172.16.0.3/32")
        ) {
            try pool.reserve("172.16.0.3/32")
        }
        #expect(try pool.allocate(length: 32) == "172.16.0.6/32")
        #expect(throws: AllocationError(.exhausted, pool: "device tunnel block", bounds: "172.16.0.0/29", value: "/31"))
        {
            try pool.allocate(length: 31)
        }
        #expect(try pool.allocate(length: 32) == "172.16.0.7/32")
    }

    @Test("release frees exact blocks only: part of a /31, or two /32s as a /31, are refused")
    func exactRelease() throws {
        var pool = IPv4Pool(name: "device tunnel block", ranges: ["172.16.0.0/24"])
        let link = try pool.allocate(length: 31)  // 172.16.0.0/31
        try pool.reserve("172.16.0.2/32")
        try pool.reserve("172.16.0.3/32")
        let halfOfLink = pool.release("172.16.0.1/32")
        let twoLoopbacksAsPair = pool.release("172.16.0.2/31")
        let wider = pool.release("172.16.0.0/30")
        #expect(!halfOfLink && !twoLoopbacksAsPair && !wider)
        #expect(pool.allocatedBlocks == ["172.16.0.0/31", "172.16.0.2/32", "172.16.0.3/32"])
        #expect(pool.isAllocated(link))
        #expect(!pool.isAllocated("172.16.0.0/32" as IPv4Prefix))
        #expect(pool.isAllocated(IPv4Address("172.16.0.1")))
        #expect(pool.allocatedBlock(containing: "172.16.0.1") == "172.16.0.0/31")
        #expect(pool.allocatedBlock(containing: "172.16.0.3") == "172.16.0.3/32")
        #expect(pool.allocatedBlock(containing: "172.16.0.4") == nil)
        let first = pool.release(link)
        let again = pool.release(link)
        #expect(first && !again)
        #expect(try pool.allocate(length: 31) == link)
    }

    @Test("reserve checks length, alignment, range, reserved addresses and collisions, in that order")
    func reserveErrors() throws {
        var pool = IPv4Pool(name: "p", ranges: ["10.0.0.0/24"], reservedOffsets: [0])
        func reason(_ block: IPv4Prefix) -> AllocationError.Reason? {
            do {
                try pool.reserve(block)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason("10.0.0.0/25") == .unsupportedLength)
        #expect(reason("10.0.0.1/31") == .misaligned)
        #expect(reason("10.0.1.0/31") == .outOfRange)
        #expect(reason("9.255.255.254/31") == .outOfRange)
        #expect(reason("10.0.0.0/31") == .reservedAddress)
        #expect(reason("10.0.0.64/26") == nil)
        #expect(reason("10.0.0.64/32") == .alreadyAllocated)
        #expect(reason("10.0.0.2/31") == nil)
        #expect(pool.allocatedAddressCount == 66)
        #expect(throws: AllocationError(.unsupportedLength, pool: "p", bounds: "10.0.0.0/24", value: "/25")) {
            try pool.allocate(length: 25)
        }
    }

    @Test("a /26 (64 addresses) is the largest block, filling one whole word")
    func wholeWordBlocks() throws {
        var pool = IPv4Pool(name: "p", ranges: ["10.0.0.0/24"])
        try pool.reserve("10.0.0.65/32")
        #expect(try pool.allocate(length: 26) == "10.0.0.0/26")
        #expect(try pool.allocate(length: 26) == "10.0.0.128/26")
        #expect(try pool.allocate(length: 26) == "10.0.0.192/26")
        #expect(throws: AllocationError.self) { try pool.allocate(length: 26) }
        #expect(try pool.allocate(length: 27) == "10.0.0.96/27")
        #expect(try pool.allocate(length: 31) == "10.0.0.66/31")
        #expect(try pool.allocate(length: 32) == "10.0.0.64/32")
    }

    @Test("a range smaller than a block size has no slot of that size")
    func smallRanges() throws {
        var pool = IPv4Pool(name: "tiny", ranges: ["10.0.0.8/30", "10.0.0.1/32"])
        #expect(pool.ranges == ["10.0.0.8/30", "10.0.0.1/32"])
        #expect(throws: AllocationError.self) { try pool.allocate(length: 29) }
        #expect(try pool.allocate(length: 30) == "10.0.0.8/30")
        #expect(throws: AllocationError(.exhausted, pool: "tiny", bounds: "10.0.0.8/30, 10.0.0.1/32", value: "/31")) {
            try pool.allocate(length: 31)
        }
        #expect(try pool.allocate(length: 32) == "10.0.0.1/32")
        #expect(pool.utilisation == PoolUtilisation(allocated: 5, capacity: 5))
    }

    @Test("ranges are normalised to their network; a range overlapping an earlier one is skipped")
    func rangeNormalisation() {
        let pool = IPv4Pool(name: "p", ranges: ["10.0.0.5/24", "10.0.0.128/25", "10.0.1.0/24", "10.0.0.0/16"])
        #expect(pool.ranges == ["10.0.0.0/24", "10.0.1.0/24"])
        #expect(pool.capacity == 512)
        #expect(pool.contains(IPv4Address("10.0.1.255")))
        #expect(!pool.contains(IPv4Address("10.0.2.0")))
        #expect(pool.contains("10.0.1.254/31" as IPv4Prefix))
        #expect(!pool.contains("10.0.0.0/23" as IPv4Prefix))
    }

    @Test("exhaustion then release: the freed block is the next one handed out")
    func exhaustionAndReuse() throws {
        var pool = IPv4Pool(name: "user tunnel block", ranges: ["169.254.0.0/16"])
        for _ in 0..<32768 { _ = try pool.allocate(length: 31) }
        let error = #expect(throws: AllocationError.self) { try pool.allocate(length: 31) }
        #expect(error?.reason == .exhausted)
        #expect(error?.summary == "pool exhausted: user tunnel block 169.254.0.0/16")
        #expect(error?.description == "pool user tunnel block 169.254.0.0/16 has no free /31 left")
        for block: IPv4Prefix in ["169.254.200.10/31", "169.254.7.0/31", "169.254.255.254/31"] {
            let released = pool.release(block)
            #expect(released)
        }
        #expect(try pool.allocate(length: 31) == "169.254.7.0/31")
        #expect(try pool.allocate(length: 31) == "169.254.200.10/31")
        #expect(try pool.allocate(length: 31) == "169.254.255.254/31")
        #expect(throws: AllocationError.self) { try pool.allocate(length: 31) }
    }

    @Test("a /10 (65,536 words, a three-level tree) fills with /26s and finds a freed block deep inside")
    func deepTree() throws {
        var pool = IPv4Pool(name: "big", ranges: ["10.64.0.0/10"])
        for _ in 0..<65536 { _ = try pool.allocate(length: 26) }
        #expect(pool.utilisation.fraction == 1)
        let inner: IPv4Prefix = "10.100.37.64/26"
        let released = pool.release(inner)
        #expect(released)
        #expect(try pool.allocate(length: 32) == "10.100.37.64/32")
        #expect(try pool.allocate(length: 31) == "10.100.37.66/31")
        #expect(try pool.allocate(length: 27) == "10.100.37.96/27")
    }

    @Test("a huge range costs memory only for the pages it touches")
    func hugeRange() throws {
        var pool = IPv4Pool(name: "multicast group block", ranges: ["224.0.0.0/4"])
        #expect(pool.capacity == 1 << 28)
        #expect(try pool.allocate(length: 32) == "224.0.0.0/32")
        try pool.reserve("239.255.255.255/32")
        #expect(pool.isAllocated(IPv4Address("239.255.255.255")))
        #expect(try pool.allocate(length: 32) == "224.0.0.1/32")
        var whole = IPv4Pool(name: "everything", ranges: [.unset])
        #expect(whole.capacity == 1 << 32)
        #expect(try whole.allocate(length: 31) == "0.0.0.0/31")
        try whole.reserve("255.255.255.254/31")
        #expect(whole.allocatedBlocks == ["0.0.0.0/31", "255.255.255.254/31"])
    }

    @Test("rebuilding from assignments reproduces the pool and rejects duplicates and overlaps")
    func rebuild() throws {
        let ranges: [IPv4Prefix] = ["172.16.0.0/24"]
        let pool = try IPv4Pool(
            name: "device tunnel block", ranges: ranges,
            assignments: ["172.16.0.4/31", "172.16.0.0/32", "172.16.0.2/31"])
        #expect(pool.allocatedBlocks == ["172.16.0.0/32", "172.16.0.2/31", "172.16.0.4/31"])
        var next = pool
        #expect(try next.allocate(length: 31) == "172.16.0.6/31")
        #expect(try next.allocate(length: 32) == "172.16.0.1/32")

        #expect(
            throws: AllocationError(
                .duplicateAssignment, pool: "device tunnel block", bounds: "172.16.0.0/24", value: "172.16.0.2/31")
        ) {
            try IPv4Pool(name: "device tunnel block", ranges: ranges, assignments: ["172.16.0.2/31", "172.16.0.2/31"])
        }
        #expect(
            throws: AllocationError(
                .duplicateAssignment, pool: "device tunnel block", bounds: "172.16.0.0/24", value: "172.16.0.3/32")
        ) {
            try IPv4Pool(name: "device tunnel block", ranges: ranges, assignments: ["172.16.0.2/31", "172.16.0.3/32"])
        }
        #expect(
            throws: AllocationError(
                .outOfRange, pool: "device tunnel block", bounds: "172.16.0.0/24", value: "10.0.0.0/31")
        ) {
            try IPv4Pool(name: "device tunnel block", ranges: ranges, assignments: ["10.0.0.0/31"])
        }
    }

    @Test("re-ranging keeps the blocks that still fit and reports the others")
    func rerange() throws {
        var pool = IPv4Pool(name: "dz", ranges: ["100.0.0.0/29", "100.0.1.0/29"], reservedOffsets: [0])
        try pool.reserve("100.0.0.3/32")
        try pool.reserve("100.0.1.5/32")
        let (moved, dropped) = pool.reranged(to: ["100.0.1.0/28", "100.0.2.0/29"])
        #expect(dropped == ["100.0.0.3/32"])
        #expect(moved.allocatedBlocks == ["100.0.1.5/32"])
        #expect(moved.isReserved("100.0.2.0"))
        #expect(moved.name == "dz")
    }

    @Test("equality ignores how far the bitmaps grew")
    func equality() throws {
        var grown = IPv4Pool(name: "p", ranges: ["10.0.0.0/16"])
        try grown.reserve("10.0.200.0/31")
        let released = grown.release("10.0.200.0/31")
        #expect(released)
        let fresh = IPv4Pool(name: "p", ranges: ["10.0.0.0/16"])
        #expect(grown == fresh)
        #expect(grown.hashValue == fresh.hashValue)
        #expect(fresh != IPv4Pool(name: "p", ranges: ["10.0.0.0/16"], reservedOffsets: [0]))
        #expect(fresh != IPv4Pool(name: "q", ranges: ["10.0.0.0/16"]))
    }

    @Test("error messages name the block, the pool and its ranges")
    func errorMessages() {
        #expect(
            AllocationError(.misaligned, pool: "p", bounds: "10.0.0.0/24", value: "10.0.0.1/31").description
                == "10.0.0.1/31 is not aligned to its own size (pool p 10.0.0.0/24)")
        #expect(
            AllocationError(.reservedAddress, pool: "p", bounds: "10.0.0.0/24", value: "10.0.0.0/32").description
                == "10.0.0.0/32 includes an address that pool p 10.0.0.0/24 keeps reserved")
        #expect(
            AllocationError(.unsupportedLength, pool: "p", bounds: "10.0.0.0/24", value: "/20").description
                == "/20 has a length pool p 10.0.0.0/24 cannot hold (it works in /26 to /32)")
        #expect(
            AllocationError(.unknownPool, pool: "tunnel ids of device x", bounds: "").summary
                == "pool tunnel ids of device x does not exist")
        #expect(
            AllocationError(.exhausted, pool: "link ids", bounds: "[1, 1025)").summary
                == "pool exhausted: link ids [1, 1025)")
    }
}
