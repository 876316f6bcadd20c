/// Exponential backoff between connection attempts: `initial`, doubling after each failure,
/// at most `maximum`; back to `initial` after a session that reached Established.
public struct BGPReconnectBackoff: Hashable, Sendable {
    /// The delay after the first failure.
    public var initial: Duration
    /// The longest delay.
    public var maximum: Duration

    /// Creates a backoff; `maximum` below `initial` is raised to `initial`.
    public init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// 1 s doubling up to 30 s.
    public static let standard = BGPReconnectBackoff(initial: .seconds(1), maximum: .seconds(30))

    /// The delay before the next attempt after `failures` consecutive failed attempts (1 or more).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = initial
        var step = 1
        while step < failures, delay < maximum {
            delay *= 2
            step += 1
        }
        return min(delay, maximum)
    }
}
