/// Exponential backoff between reconnection attempts, with optional jitter: the one backoff
/// of the workspace (the ledger client's log follower, the BGP speaker's sessions).
///
/// After the n-th consecutive failure the delay's ceiling is `min(initial · 2ⁿ⁻¹, maximum)`:
/// `initial`, twice that, four times, … up to `maximum`. With ``Jitter/equal`` the
/// delay is a random time in `[ceiling/2, ceiling]` ("equal jitter"), so many clients of a
/// restarted server do not reconnect in lockstep; with ``Jitter/none`` it is the
/// ceiling itself.
///
/// Two ways to use it: keep a failure count yourself and ask ``delay(afterFailures:using:)``,
/// or let the value count — ``nextDelay(using:)`` records a failure and returns the wait,
/// ``reset()`` after a connection that worked starts again from `initial`.
public struct ReconnectBackoff: Hashable, Sendable {
    /// The ceiling after the first failure.
    public var initial: Duration
    /// The largest ceiling.
    public var maximum: Duration
    /// How delays are spread below the ceiling.
    public var jitter: Jitter
    /// Consecutive failures recorded by ``nextDelay(using:)`` since the last ``reset()``.
    public private(set) var failures: Int = 0

    /// Creates a backoff (default: 100 ms doubling to 5 s, equal jitter); a `maximum` below
    /// `initial` is raised to `initial`.
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5), jitter: Jitter = .equal) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.jitter = jitter
    }

    /// The ceiling of the delay after `failures` consecutive failures (1 or more; less counts
    /// as 1): `initial · 2^(failures − 1)`, at most `maximum`.
    public func ceiling(afterFailures failures: Int) -> Duration {
        var ceiling = initial
        for _ in 0..<min(max(failures - 1, 0), 62) {
            ceiling *= 2
            if ceiling >= maximum { return maximum }
        }
        return min(ceiling, maximum)
    }

    /// The upper bound of the delay ``nextDelay(using:)`` returns next.
    public var currentCeiling: Duration { ceiling(afterFailures: failures + 1) }

    /// The delay after `failures` consecutive failures: the ceiling, spread by ``jitter``.
    public func delay<Generator: RandomNumberGenerator>(afterFailures failures: Int, using generator: inout Generator)
        -> Duration
    {
        let ceiling = ceiling(afterFailures: failures)
        switch jitter {
        case .none:
            return ceiling
        case .equal:
            let half = ceiling / 2
            return half + half * Double.random(in: 0...1, using: &generator)
        }
    }

    /// The delay after `failures` consecutive failures, with the system random generator.
    public func delay(afterFailures failures: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, using: &generator)
    }

    /// Records a failure and returns how long to wait before the next attempt.
    public mutating func nextDelay<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        failures += 1
        return delay(afterFailures: failures, using: &generator)
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
