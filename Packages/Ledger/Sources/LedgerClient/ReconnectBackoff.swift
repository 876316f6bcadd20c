/// Exponential backoff with jitter for reconnecting a log stream.
///
/// The n-th consecutive failure waits a random time in `[d/2, d]` where
/// `d = min(initial · 2ⁿ, maximum)` ("equal jitter"): 100 ms, 200 ms, 400 ms, … up to 5 s by
/// default, spread so that many followers of a restarted server do not reconnect in lockstep.
/// ``reset()`` after a connection delivers something starts again from `initial`.
public struct ReconnectBackoff: Sendable, Hashable {
    /// The first delay's upper bound.
    public var initial: Duration
    /// The largest delay's upper bound.
    public var maximum: Duration
    /// Consecutive failures so far.
    public private(set) var failures: Int = 0

    /// Creates a backoff (default 100 ms doubling to 5 s).
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The upper bound of the next delay, before jitter.
    public var currentCeiling: Duration {
        var ceiling = initial
        for _ in 0..<min(failures, 62) {
            ceiling *= 2
            if ceiling >= maximum { return maximum }
        }
        return min(ceiling, maximum)
    }

    /// Records a failure and returns how long to wait before the next attempt.
    public mutating func nextDelay<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        let ceiling = currentCeiling
        failures += 1
        let half = ceiling / 2
        let jitter = Double.random(in: 0...1, using: &generator)
        return half + half * jitter
    }

    /// Records a failure and returns how long to wait, with the system random generator.
    public mutating func nextDelay() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    /// A connection worked: the next failure waits about `initial` again.
    public mutating func reset() {
        failures = 0
    }
}
