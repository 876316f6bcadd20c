/// The measurement of one target in one probing pass: min/avg/max/jitter/loss/reachable are on
/// ``statistics``.
public struct ProbeResult: Hashable, Sendable {
    /// What was measured.
    public var target: ProbeTarget
    /// The summary of its samples.
    public var statistics: RTTStatistics

    /// Creates a result.
    public init(target: ProbeTarget, statistics: RTTStatistics) {
        self.target = target
        self.statistics = statistics
    }
}
