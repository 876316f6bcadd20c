import Testing

@testable import Allocator

@Suite("IDPool examples")
struct IDPoolTests {
    /// The per-device tunnel-id pool of serviceability §6.1.
    private func tunnelIDs() -> IDPool { IDPool(name: "tunnel-ids", range: 500..<4596) }

    @Test("allocate hands out 500, 501, … from an empty TunnelIds pool")
    func allocatesAscending() throws {
        var pool = tunnelIDs()
        #expect(try pool.allocate() == 500)
        #expect(try pool.allocate() == 501)
        #expect(try pool.allocate() == 502)
        #expect(pool.allocatedIDs == [500, 501, 502])
        #expect(pool.utilisation == PoolUtilisation(allocated: 3, capacity: 4096))
    }

    @Test("allocate skips reserved ids and returns the lowest free one")
    func allocateSkipsReserved() throws {
        var pool = tunnelIDs()
        try pool.reserve(500)
        try pool.reserve(502)
        #expect(try pool.allocate() == 501)
        #expect(try pool.allocate() == 503)
    }

    @Test("reserve refuses ids outside [start, end) with a typed error")
    func reserveOutOfRange() throws {
        var pool = tunnelIDs()
        for id: UInt32 in [0, 499, 4596, .max] {
            let error = #expect(throws: AllocationError.self) { try pool.reserve(id) }
            #expect(error == AllocationError(.outOfRange, pool: "tunnel-ids", bounds: "[500, 4596)", value: "\(id)"))
        }
        #expect(pool.allocatedCount == 0)
        // Both ends of the range itself are fine.
        try pool.reserve(500)
        try pool.reserve(4595)
    }

    @Test("reserve refuses an id that is already allocated")
    func reserveTaken() throws {
        var pool = tunnelIDs()
        try pool.reserve(600)
        #expect(throws: AllocationError(.alreadyAllocated, pool: "tunnel-ids", bounds: "[500, 4596)", value: "600")) {
            try pool.reserve(600)
        }
        #expect(pool.allocatedCount == 1)
    }

    @Test("allocate throws exhausted when every id is taken, and recovers after a release")
    func exhaustion() throws {
        var pool = IDPool(name: "admin-group-bits", range: 1..<127)
        for expected in UInt32(1)..<127 {
            #expect(try pool.allocate() == expected)
        }
        #expect(pool.utilisation.fraction == 1)
        #expect(throws: AllocationError(.exhausted, pool: "admin-group-bits", bounds: "[1, 127)")) {
            try pool.allocate()
        }
        let released = pool.release(77)
        #expect(released)
        #expect(try pool.allocate() == 77)
        #expect(throws: AllocationError.self) { try pool.allocate() }
    }

    @Test("an empty range is always exhausted and counts as full")
    func emptyRange() throws {
        var pool = IDPool(name: "none", range: 7..<7)
        #expect(pool.capacity == 0)
        #expect(pool.utilisation.fraction == 1)
        #expect(throws: AllocationError(.exhausted, pool: "none", bounds: "[7, 7)")) { try pool.allocate() }
        #expect(throws: AllocationError.self) { try pool.reserve(7) }
        let released = pool.release(7)
        #expect(!released)
    }

    @Test("release is idempotent and reports whether the id was allocated")
    func releaseIdempotent() throws {
        var pool = tunnelIDs()
        let id = try pool.allocate()
        let first = pool.release(id)
        let second = pool.release(id)
        let outside = pool.release(9999)
        let neverAllocated = pool.release(4000)
        #expect(first)
        #expect(!second)
        #expect(!outside)
        #expect(!neverAllocated)
        #expect(pool.allocatedCount == 0)
    }

    @Test("a release below the hint makes the next allocate return that id")
    func releaseLowersHint() throws {
        var pool = IDPool(name: "link-ids", range: 0..<65535)
        for _ in 0..<200 { _ = try pool.allocate() }
        #expect(pool.lowestPossiblyFreeWord == 3)
        let releasedLow = pool.release(5)
        let releasedHigher = pool.release(130)
        #expect(releasedLow && releasedHigher)
        #expect(pool.lowestPossiblyFreeWord == 0)
        #expect(try pool.allocate() == 5)
        #expect(try pool.allocate() == 130)
        #expect(try pool.allocate() == 200)
    }

    @Test("contains is about the range, isAllocated about the bitmap")
    func containsVersusAllocated() throws {
        var pool = IDPool(name: "vrf-ids", range: 1..<1024)
        #expect(!pool.contains(0))
        #expect(pool.contains(1))
        #expect(pool.contains(1023))
        #expect(!pool.contains(1024))
        #expect(!pool.isAllocated(1))
        try pool.reserve(1)
        #expect(pool.isAllocated(1))
        #expect(!pool.isAllocated(0))
        #expect(!pool.isAllocated(5000))
    }

    @Test("a partial last word never hands out ids past the end")
    func partialLastWord() throws {
        var pool = IDPool(name: "small", range: 10..<80)  // 70 ids: one full word and 6 bits
        var handedOut: [UInt32] = []
        while let id = try? pool.allocate() { handedOut.append(id) }
        #expect(handedOut == Array(10..<80))
    }

    @Test("rebuilding from assignments reproduces the pool and rejects duplicates")
    func rebuild() throws {
        let pool = try IDPool(name: "tunnel-ids", range: 500..<4596, assignments: [503, 500, 700])
        #expect(pool.allocatedIDs == [500, 503, 700])
        var next = pool
        #expect(try next.allocate() == 501)

        #expect(throws: AllocationError(.duplicateAssignment, pool: "tunnel-ids", bounds: "[500, 4596)", value: "503"))
        {
            try IDPool(name: "tunnel-ids", range: 500..<4596, assignments: [503, 500, 503])
        }
        #expect(throws: AllocationError(.outOfRange, pool: "tunnel-ids", bounds: "[500, 4596)", value: "42")) {
            try IDPool(name: "tunnel-ids", range: 500..<4596, assignments: [42])
        }
    }

    @Test("equality ignores the hint and lazily grown empty words")
    func equality() throws {
        var grown = IDPool(name: "p", range: 0..<1000)
        try grown.reserve(900)
        let released = grown.release(900)
        #expect(released)
        let fresh = IDPool(name: "p", range: 0..<1000)
        #expect(grown == fresh)
        #expect(grown.hashValue == fresh.hashValue)
        #expect(fresh != IDPool(name: "q", range: 0..<1000))
        #expect(fresh != IDPool(name: "p", range: 0..<999))
    }

    @Test("a pool over the whole UInt32 range costs memory only for the ids it uses")
    func hugeRange() throws {
        var pool = IDPool(name: "huge", range: 0..<UInt32.max)
        #expect(pool.capacity == Int(UInt32.max))
        #expect(try pool.allocate() == 0)
        #expect(try pool.allocate() == 1)
        #expect(pool.utilisation.fraction < 1e-9)
    }

    @Test("error messages name the value, the pool and its bounds")
    func errorMessages() {
        #expect(
            AllocationError(.outOfRange, pool: "tunnel-ids", bounds: "[500, 4596)", value: "42").description
                == "42 is outside pool tunnel-ids [500, 4596)")
        #expect(
            AllocationError(.alreadyAllocated, pool: "vrf-ids", bounds: "[1, 1024)", value: "3").description
                == "3 is already allocated in pool vrf-ids [1, 1024)")
        #expect(
            AllocationError(.exhausted, pool: "vrf-ids", bounds: "[1, 1024)").description
                == "pool vrf-ids [1, 1024) has no free value left")
        #expect(
            AllocationError(.duplicateAssignment, pool: "vrf-ids", bounds: "[1, 1024)", value: "9").description
                == "9 is assigned more than once while rebuilding pool vrf-ids [1, 1024)")
        #expect(IDPool(name: "vrf-ids", range: 1..<1024).description == "vrf-ids [1, 1024): 0/1023 allocated")
    }

    @Test("utilisation reports free count and fraction")
    func utilisation() {
        let half = PoolUtilisation(allocated: 2, capacity: 4)
        #expect(half.free == 2)
        #expect(half.fraction == 0.5)
        #expect(PoolUtilisation(allocated: 0, capacity: 10).fraction == 0)
    }
}
