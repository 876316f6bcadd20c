/// The device `/v2/status` names as the lowest-latency one: the reachable device with the lowest
/// minimum RTT, except that the current device is kept unless another is more than 5 ms faster
/// (upstream's `LATENCY_TOLERANCE_NS`).
public enum LowestLatencyDevice {
    /// The tolerance toward the current device, in nanoseconds.
    public static let toleranceNanoseconds: UInt64 = 5_000_000

    /// The device code, or `""` when no device is reachable.
    public static func choose(from results: [LatencyResult], current: String) -> String {
        var best: [String: UInt64] = [:]
        for result in results where result.reachable {
            best[result.deviceCode] = min(best[result.deviceCode] ?? .max, result.minLatencyNanoseconds)
        }
        guard let fastest = best.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { return "" }
        if let currentRTT = best[current], currentRTT <= fastest.value + toleranceNanoseconds { return current }
        return fastest.key
    }
}
