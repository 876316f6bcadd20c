import CommandLineSupport
import DaemonService
import Models

/// Upstream's `retrieve_latencies` (client.md §3.2): doublezerod's latency results once its first
/// probe pass is done, limited to activated devices and sorted reachable first, then by minimum
/// and average RTT.
enum LatencyRetrieval {
    /// How long to wait for the daemon's first probe pass.
    static let readyLimit: Duration = .seconds(60)
    /// How often to ask meanwhile.
    static let interval: Duration = .seconds(1)

    /// The results once `/v2/latency` says `ready`, asking every second for up to `limit`.
    ///
    /// - Throws: upstream's timeout message, or a ``DaemonClientError``.
    static func readyResults(
        from daemon: DaemonClient, progress: ProgressLine?, within limit: Duration = readyLimit
    ) async throws -> [LatencyResult] {
        let deadline = ContinuousClock.now + limit
        while true {
            let report = try await daemon.latency()
            if report.ready { return report.results }
            guard ContinuousClock.now < deadline else {
                throw CommandFailure(
                    "Timed out waiting for daemon to finish probing devices. The daemon may still be starting up — "
                        + "try again in a few seconds.")
            }
            progress?.step("waiting for doublezerod's first latency probes")
            try await Task.sleep(for: interval)
        }
    }

    /// The rows of devices in `devices` that are activated (all rows when `devices` is nil), sorted
    /// reachable first, then by minimum RTT, then by average RTT (stable).
    static func activatedRows(_ results: [LatencyResult], devices: [PublicKey: Device]?) -> [LatencyResult] {
        let kept = results.filter { row in
            guard let devices else { return true }
            return devices[row.devicePubkey]?.status == .activated
        }
        return kept.enumerated().sorted { lhs, rhs in
            let (left, right) = (lhs.element, rhs.element)
            if left.reachable != right.reachable { return left.reachable }
            if left.minLatencyNanoseconds != right.minLatencyNanoseconds {
                return left.minLatencyNanoseconds < right.minLatencyNanoseconds
            }
            if left.averageLatencyNanoseconds != right.averageLatencyNanoseconds {
                return left.averageLatencyNanoseconds < right.averageLatencyNanoseconds
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// The activated, reachable rows for choosing a device.
    ///
    /// - Throws: upstream's `No activated devices found` or `No reachable devices found (N
    ///   activated devices were unreachable)`.
    static func reachableRows(_ results: [LatencyResult], devices: [PublicKey: Device]) throws -> [LatencyResult] {
        let activated = activatedRows(results, devices: devices)
        guard !activated.isEmpty else { throw CommandFailure("No activated devices found") }
        let reachable = activated.filter(\.reachable)
        guard !reachable.isEmpty else {
            let unreachable = Set(activated.map(\.devicePubkey)).count
            throw CommandFailure("No reachable devices found (\(unreachable) activated devices were unreachable)")
        }
        return reachable
    }
}
