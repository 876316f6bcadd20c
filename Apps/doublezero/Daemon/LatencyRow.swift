import CommandLineSupport
import DaemonService

/// One row of `doublezero latency`: a probed device address and its RTTs.
///
/// JSON keys: `device_pk, device_code, device_ip, min_latency_ns, max_latency_ns, avg_latency_ns, reachable`.
struct LatencyRow: Encodable, Sendable {
    /// The result shown.
    let result: LatencyResult

    enum CodingKeys: String, CodingKey {
        case devicePubkey = "device_pk"
        case deviceCode = "device_code"
        case deviceIP = "device_ip"
        case minimum = "min_latency_ns"
        case maximum = "max_latency_ns"
        case average = "avg_latency_ns"
        case reachable
    }

    /// Encodes upstream's seven keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result.devicePubkey.base58, forKey: .devicePubkey)
        try container.encode(result.deviceCode, forKey: .deviceCode)
        try container.encode(result.deviceIP.description, forKey: .deviceIP)
        try container.encode(result.minLatencyNanoseconds, forKey: .minimum)
        try container.encode(result.maxLatencyNanoseconds, forKey: .maximum)
        try container.encode(result.averageLatencyNanoseconds, forKey: .average)
        try container.encode(result.reachable, forKey: .reachable)
    }

    /// Upstream's columns: `Pubkey | Code | IP | Min | Max | Avg | reachable`, times as `%.2fms`.
    static var columns: [TableColumn<LatencyRow>] {
        [
            TableColumn("Pubkey") { $0.result.devicePubkey.base58 },
            TableColumn("Code") { $0.result.deviceCode },
            TableColumn("IP") { $0.result.deviceIP.description },
            TableColumn("Min") { milliseconds($0.result.minLatencyNanoseconds) },
            TableColumn("Max") { milliseconds($0.result.maxLatencyNanoseconds) },
            TableColumn("Avg") { milliseconds($0.result.averageLatencyNanoseconds) },
            TableColumn("reachable") { $0.result.reachable ? "true" : "false" },
        ]
    }

    /// Nanoseconds as milliseconds with two decimals and the unit: `1.23ms`.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let hundredths = (nanoseconds + 5_000) / 10_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)ms"
    }
}
