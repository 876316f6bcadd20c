/// The answer of `GET /v2/latency`: whether the first probe pass finished, and the latest results
/// in probe completion order.
public struct LatencyReport: Codable, Sendable, Hashable {
    /// Whether a first pass over every device has completed.
    public var ready: Bool
    /// The results of the latest pass.
    public var results: [LatencyResult]

    /// No pass finished yet.
    public static let notReady = LatencyReport(ready: false, results: [])

    /// A report with the given fields.
    public init(ready: Bool, results: [LatencyResult]) {
        self.ready = ready
        self.results = results
    }
}
