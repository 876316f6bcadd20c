@testable import Ledger
import Testing

/// Entity scans run in a fixed number of slots: never more at once, and every one runs.
@Suite struct ScanSlotsTests {
    /// How many bodies are inside a slot, and the most there ever were.
    actor Occupancy {
        private(set) var current = 0
        private(set) var most = 0
        private(set) var finished = 0

        func enter() {
            current += 1
            most = max(most, current)
        }

        func leave() {
            current -= 1
            finished += 1
        }
    }

    @Test("twelve scans through two slots: at most two at once, all of them run")
    func slotsBoundConcurrency() async {
        let slots = ScanSlots(2)
        let occupancy = Occupancy()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await slots.withSlot {
                        await occupancy.enter()
                        try? await Task.sleep(for: .milliseconds(5))
                        await occupancy.leave()
                    }
                }
            }
        }
        #expect(await occupancy.most <= 2)
        #expect(await occupancy.finished == 12)
        #expect(await occupancy.current == 0)
    }

    @Test("a scan that throws gives its slot back")
    func aThrowingScanFreesItsSlot() async throws {
        let slots = ScanSlots(1)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await slots.withSlot { () async throws(Refused) in throw Refused() }
        }
        #expect(await slots.withSlot { 42 } == 42)
    }
}
