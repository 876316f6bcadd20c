import DaemonService
import Models
import Probe

extension LatencyResult {
    /// The result as the selection policy takes it: the same device and address, and three
    /// samples (upstream's count) that reproduce the row's minimum exactly and its average as
    /// closely as three samples within [min, max] can. An unreachable row is three lost probes.
    var probeResult: ProbeResult {
        let target = ProbeTarget(
            device: devicePubkey, deviceCode: deviceCode, address: deviceIP, interfaceName: interfaceName)
        guard reachable else {
            let lost = [ProbeSample](repeating: .lost, count: 3)
            return ProbeResult(target: target, statistics: RTTStatistics(samples: lost))
        }
        let minimum = Int64(clamping: minLatencyNanoseconds)
        let maximum = max(minimum, Int64(clamping: maxLatencyNanoseconds))
        let third = min(max(3 * Int64(clamping: averageLatencyNanoseconds) - minimum - maximum, minimum), maximum)
        let samples = [minimum, maximum, third].map { ProbeSample.received(rtt: .nanoseconds($0)) }
        return ProbeResult(target: target, statistics: RTTStatistics(samples: samples))
    }
}
