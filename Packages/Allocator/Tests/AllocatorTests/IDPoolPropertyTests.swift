import PropertyBased
import Testing

@testable import Allocator

/// One step of a random operation sequence.
private enum PoolOperation: CustomStringConvertible {
    case allocate
    case reserve(UInt32)
    case release(UInt32)

    init(kind: Int, id: UInt32) {
        switch kind {
        case 0: self = .allocate
        case 1: self = .reserve(id)
        default: self = .release(id)
        }
    }

    var description: String {
        switch self {
        case .allocate: "allocate"
        case .reserve(let id): "reserve(\(id))"
        case .release(let id): "release(\(id))"
        }
    }
}

/// The obviously-correct reference: a set of allocated ids.
private struct SetModel {
    let range: Range<UInt32>
    var allocated: Set<UInt32> = []

    mutating func allocate() -> UInt32? {
        guard let id = range.first(where: { !allocated.contains($0) }) else { return nil }
        allocated.insert(id)
        return id
    }

    mutating func reserve(_ id: UInt32) -> AllocationError.Reason? {
        guard range.contains(id) else { return .outOfRange }
        guard allocated.insert(id).inserted else { return .alreadyAllocated }
        return nil
    }

    mutating func release(_ id: UInt32) -> Bool {
        allocated.remove(id) != nil
    }
}

@Suite("IDPool properties")
struct IDPoolPropertyTests {
    private static let operations = zip(Gen.int(in: 0...2), Gen.uint32(in: 0...260))
        .map { PoolOperation(kind: $0, id: $1) }
        .array(of: 0...400)

    @Test("random operation sequences agree with a Set-based model")
    func agreesWithModel() async {
        await propertyCheck(
            count: 200, input: Gen.uint32(in: 0...60), Gen.uint32(in: 0...200), Self.operations
        ) { start, length, operations in
            let range = start..<(start + length)
            var pool = IDPool(name: "model", range: range)
            var model = SetModel(range: range)
            for operation in operations {
                switch operation {
                case .allocate:
                    let expected = model.allocate()
                    let actual = try? pool.allocate()
                    #expect(actual == expected, "\(operation) in \(range)")
                case .reserve(let id):
                    let expected = model.reserve(id)
                    var actual: AllocationError.Reason?
                    do {
                        try pool.reserve(id)
                    } catch let error as AllocationError {
                        actual = error.reason
                    }
                    #expect(actual == expected, "\(operation) in \(range)")
                case .release(let id):
                    let released = pool.release(id)
                    #expect(released == model.release(id), "\(operation) in \(range)")
                }
                #expect(pool.allocatedCount == model.allocated.count)
            }
            #expect(pool.allocatedIDs == model.allocated.sorted())
            #expect(pool.utilisation.free == range.count - model.allocated.count)
            for id in range.lowerBound..<(range.upperBound + 5) {
                #expect(pool.isAllocated(id) == model.allocated.contains(id))
            }
        }
    }

    @Test("allocate never hands out an id that is still allocated")
    func neverTwice() async {
        await propertyCheck(count: 200, input: Gen.uint32(in: 1...300), Self.operations) { capacity, operations in
            var pool = IDPool(name: "unique", range: 1000..<(1000 + capacity))
            var outstanding: Set<UInt32> = []
            for operation in operations {
                switch operation {
                case .allocate:
                    if let id = try? pool.allocate() {
                        #expect(!outstanding.contains(id))
                        #expect(pool.contains(id))
                        outstanding.insert(id)
                    } else {
                        #expect(outstanding.count == Int(capacity))
                    }
                case .reserve(let offset):
                    if (try? pool.reserve(1000 + offset)) != nil { outstanding.insert(1000 + offset) }
                case .release(let offset):
                    if pool.release(1000 + offset) { outstanding.remove(1000 + offset) }
                }
            }
            #expect(Set(pool.allocatedIDs) == outstanding)
        }
    }

    @Test("release makes an id reusable and the next allocate returns the lowest free id")
    func releaseThenAllocateLowest() async {
        await propertyCheck(
            count: 200, input: Gen.uint32(in: 1...200), Gen.uint32(in: 0...199).array(of: 0...60)
        ) { capacity, releases in
            var pool = IDPool(name: "refill", range: 0..<capacity)
            while (try? pool.allocate()) != nil {}
            var freed: Set<UInt32> = []
            for id in releases where id < capacity {
                let released = pool.release(id)
                #expect(released == !freed.contains(id))
                freed.insert(id)
            }
            for expected in freed.sorted() {
                let id = try pool.allocate()
                #expect(id == expected)
            }
            #expect(throws: AllocationError.self) { try pool.allocate() }
        }
    }

    @Test("rebuilding from assignments equals reserving them one by one")
    func rebuildEqualsReserves() async {
        await propertyCheck(
            count: 200, input: Gen.uint32(in: 0...50), Gen.uint32(in: 0...250).array(of: 0...80)
        ) { start, candidates in
            let range = start..<(start + 200)
            var seen: Set<UInt32> = []
            let assignments = candidates.filter { range.contains($0) && seen.insert($0).inserted }

            var reserved = IDPool(name: "rebuild", range: range)
            for id in assignments { try reserved.reserve(id) }
            let rebuilt = try IDPool(name: "rebuild", range: range, assignments: assignments.reversed())
            #expect(rebuilt == reserved)
            #expect(rebuilt.allocatedIDs == assignments.sorted())

            var left = rebuilt
            var right = reserved
            #expect((try? left.allocate()) == (try? right.allocate()))

            let outside = candidates.filter { !range.contains($0) }
            if let bad = outside.first {
                #expect(throws: AllocationError.self) {
                    try IDPool(name: "rebuild", range: range, assignments: assignments + [bad])
                }
            }
            if let twice = assignments.first {
                let error = #expect(throws: AllocationError.self) {
                    try IDPool(name: "rebuild", range: range, assignments: assignments + [twice])
                }
                #expect(error?.reason == .duplicateAssignment)
            }
        }
    }
}
