import Ledger
import LedgerServer
import Models
import Testing

/// Every rule of the authentication rate limit, on the pure state machine with a made-up clock.
@Suite("Authentication limiter")
struct AuthenticationLimiterTests {
    private let start = ContinuousClock.now
    private func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int64(seconds * 1000)) }
    private static func key(_ number: Int) -> PublicKey {
        PublicKey(
            uncheckedBytes: withUnsafeBytes(of: UInt64(number).bigEndian, Array.init) + [UInt8](repeating: 1, count: 24)
        )
    }

    /// Limits where the global tier never triggers, for the per-key rules.
    private static let perKeyOnly = AuthenticationLimits(globalDistinctKeys: 1_000_000)

    @Test("five failures within 60 s lock a key for 60 s; four do not")
    func keyLockout() {
        var limiter = AuthenticationLimiter(limits: Self.perKeyOnly)
        let key = Self.key(1)
        for second in 0..<4 {
            #expect(limiter.check(key, standing: false, at: at(Double(second))) == .allowed)
            #expect(limiter.recordFailure(key, standing: false, at: at(Double(second))).isEmpty)
        }
        #expect(limiter.check(key, standing: false, at: at(4)) == .allowed)
        #expect(limiter.recordFailure(key, standing: false, at: at(4)) == [.key(key, failures: 5)])
        #expect(limiter.check(key, standing: false, at: at(5)) == .keyLocked(until: at(64)))
        #expect(limiter.check(key, standing: false, at: at(63.9)) == .keyLocked(until: at(64)))
        #expect(limiter.lockedKeys(at: at(10)) == 1)
        #expect(limiter.hasLockouts(at: at(10)))
        #expect(!limiter.hasLockouts(at: at(64)))
        #expect(limiter.check(key, standing: false, at: at(64)) == .allowed)
        #expect(limiter.lockedKeys(at: at(64)) == 0)
        #expect(limiter.check(Self.key(2), standing: false, at: at(10)) == .allowed, "other keys go on")
    }

    @Test("failures spread wider than the window never lock")
    func slidingWindow() {
        var limiter = AuthenticationLimiter(limits: Self.perKeyOnly)
        let key = Self.key(1)
        for number in 0..<20 {
            #expect(limiter.recordFailure(key, standing: false, at: at(Double(number) * 16)).isEmpty)
            #expect(limiter.check(key, standing: false, at: at(Double(number) * 16 + 1)) == .allowed)
        }
    }

    @Test("failures while locked do not extend the lockout")
    func noExtension() {
        var limiter = AuthenticationLimiter(limits: Self.perKeyOnly)
        let key = Self.key(1)
        for second in 0..<5 { _ = limiter.recordFailure(key, standing: false, at: at(Double(second))) }
        for second in 5..<60 { #expect(limiter.recordFailure(key, standing: false, at: at(Double(second))).isEmpty) }
        #expect(limiter.check(key, standing: false, at: at(64)) == .allowed)
        // And the failures made while locked do not count afterwards.
        #expect(limiter.recordFailure(key, standing: false, at: at(65)).isEmpty)
        #expect(limiter.check(key, standing: false, at: at(66)) == .allowed)
    }

    @Test("a success forgets a key's failures")
    func successResets() {
        var limiter = AuthenticationLimiter(limits: Self.perKeyOnly)
        let key = Self.key(1)
        for second in 0..<4 { _ = limiter.recordFailure(key, standing: false, at: at(Double(second))) }
        limiter.recordSuccess(key)
        #expect(limiter.recordFailure(key, standing: false, at: at(5)).isEmpty)
        #expect(limiter.check(key, standing: false, at: at(6)) == .allowed)
    }

    @Test("keys with standing are never counted nor locked, even during a global lockout")
    func standing() {
        var limiter = AuthenticationLimiter()
        let foundation = Self.key(0)
        for second in 0..<50 {
            #expect(limiter.recordFailure(foundation, standing: true, at: at(Double(second) / 10)).isEmpty)
        }
        #expect(limiter.check(foundation, standing: true, at: at(6)) == .allowed)
        for number in 1...10 { _ = limiter.recordFailure(Self.key(number), standing: false, at: at(6)) }
        #expect(limiter.check(Self.key(99), standing: false, at: at(7)) == .globallyLocked(until: at(66)))
        #expect(limiter.check(foundation, standing: true, at: at(7)) == .allowed)
    }

    @Test("ten distinct failing keys within 10 s lock out unknown keys for 60 s, without extension; nine do not")
    func globalLockout() {
        var limiter = AuthenticationLimiter()
        for number in 1...9 {
            #expect(limiter.recordFailure(Self.key(number), standing: false, at: at(Double(number) / 2)).isEmpty)
        }
        // One key failing again does not make it ten distinct.
        #expect(limiter.recordFailure(Self.key(9), standing: false, at: at(5)).isEmpty)
        #expect(limiter.check(Self.key(50), standing: false, at: at(5)) == .allowed)
        #expect(limiter.recordFailure(Self.key(10), standing: false, at: at(6)) == [.global(distinctKeys: 10)])
        #expect(limiter.check(Self.key(50), standing: false, at: at(7)) == .globallyLocked(until: at(66)))
        #expect(limiter.globalLockoutRemaining(at: at(16)) == .seconds(50))
        #expect(limiter.hasLockouts(at: at(16)))
        // Failures during the lockout do not feed the window nor extend it.
        for number in 100..<200 { _ = limiter.recordFailure(Self.key(number), standing: false, at: at(30)) }
        #expect(limiter.check(Self.key(50), standing: false, at: at(66)) == .allowed)
        #expect(limiter.recordFailure(Self.key(300), standing: false, at: at(67)).isEmpty, "the window was cleared")
    }

    @Test("nine keys in one window and one more after it slid do not trigger the global lockout")
    func globalWindowSlides() {
        var limiter = AuthenticationLimiter()
        for number in 1...9 { _ = limiter.recordFailure(Self.key(number), standing: false, at: at(0)) }
        #expect(limiter.recordFailure(Self.key(10), standing: false, at: at(10.5)).isEmpty)
        #expect(limiter.check(Self.key(11), standing: false, at: at(11)) == .allowed)
    }

    @Test("100,000 random failing keys leave memory bounded, with and without the global tier")
    func boundedMemory() {
        // As the server runs it: a key refused by check is not recorded.
        var limiter = AuthenticationLimiter()
        var refused = 0
        for number in 0..<100_000 {
            let key = Self.key(number)
            let now = at(Double(number) / 1000)
            if limiter.check(key, standing: false, at: now) == .allowed {
                _ = limiter.recordFailure(key, standing: false, at: now)
            } else {
                refused += 1
            }
        }
        #expect(limiter.trackedKeys <= 20, "tracked \(limiter.trackedKeys)")
        #expect(refused > 99_000)

        // Without the global tier, the cap holds.
        var capped = AuthenticationLimiter(
            limits: AuthenticationLimits(globalDistinctKeys: 1_000_000, maxTrackedKeys: 1000))
        for number in 0..<100_000 {
            _ = capped.recordFailure(Self.key(number), standing: false, at: at(Double(number) / 10_000))
            #expect(capped.trackedKeys <= 1000)
        }
        // A locked key survives the trimming of newer one-failure keys.
        var locking = AuthenticationLimiter(
            limits: AuthenticationLimits(globalDistinctKeys: 1_000_000, maxTrackedKeys: 100))
        for second in 0..<5 { _ = locking.recordFailure(Self.key(999_999), standing: false, at: at(Double(second))) }
        for number in 0..<10_000 { _ = locking.recordFailure(Self.key(number), standing: false, at: at(5)) }
        #expect(locking.check(Self.key(999_999), standing: false, at: at(6)) == .keyLocked(until: at(64)))
    }
}
