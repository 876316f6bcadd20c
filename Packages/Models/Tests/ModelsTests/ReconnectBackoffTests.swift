import Testing

@testable import Models

/// The reconnect backoff both the ledger client and the BGP speaker use.
@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    @Test("the default doubles from 100 ms to 5 s with jitter in the upper half, and resets")
    func defaultWithJitter() {
        var backoff = ReconnectBackoff()
        var ceilings: [Duration] = []
        for _ in 0..<9 {
            let ceiling = backoff.currentCeiling
            ceilings.append(ceiling)
            let delay = backoff.nextDelay()
            #expect(delay >= ceiling / 2 && delay <= ceiling)
        }
        #expect(
            ceilings == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
                .milliseconds(3200), .seconds(5), .seconds(5), .seconds(5),
            ])
        #expect(backoff.failures == 9)
        backoff.reset()
        #expect(backoff.failures == 0)
        #expect(backoff.currentCeiling == .milliseconds(100))
    }

    @Test("without jitter the delay after n failures doubles from initial up to maximum")
    func doublingWithoutJitter() {
        let backoff = ReconnectBackoff(initial: .milliseconds(250), maximum: .seconds(2), jitter: .none)
        #expect(
            (1...6).map { backoff.delay(afterFailures: $0) } == [
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2),
            ])
        #expect(backoff.delay(afterFailures: 0) == .milliseconds(250))
        let standard = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(30), jitter: .none)
        #expect(standard.delay(afterFailures: 100) == .seconds(30))
        #expect(standard.delay(afterFailures: Int.max) == .seconds(30))
    }

    @Test("a maximum below initial is raised to initial")
    func maximumRaised() {
        let backoff = ReconnectBackoff(initial: .seconds(5), maximum: .seconds(1))
        #expect(backoff.maximum == .seconds(5))
        #expect(backoff.ceiling(afterFailures: 3) == .seconds(5))
    }

    @Test("the counting form and the pure form agree, and jitter follows the generator")
    func formsAgree() {
        var counting = ReconnectBackoff(initial: .milliseconds(10), maximum: .seconds(1), jitter: .none)
        let pure = counting
        for failures in 1...10 { #expect(counting.nextDelay() == pure.delay(afterFailures: failures)) }
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let jittered = ReconnectBackoff()
        #expect(jittered.delay(afterFailures: 4, using: &first) == jittered.delay(afterFailures: 4, using: &second))
    }

    /// A deterministic generator (SplitMix64) for repeatable jitter.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }
}
