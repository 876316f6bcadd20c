import Ledger
import Models
import Prometheus

/// The ledger server's Prometheus metrics, served at `GET /metrics`. Transactions are counted
/// as they come through this server; other processes writing the same file move only the head.
///
/// | metric | type | labels | meaning |
/// |---|---|---|---|
/// | `ledger_transactions_accepted_total` | counter | — | transactions accepted through this server |
/// | `ledger_transactions_refused_total` | counter | code | transactions refused through this server, by error code name (a fixed set) |
/// | `ledger_transactions_failed_total` | counter | — | submits that failed in storage (or, for a served remote ledger, upstream) |
/// | `ledger_submit_duration_seconds` | histogram | — | time the ledger took to accept or refuse a decoded transaction |
/// | `ledger_log_streams` | gauge | — | open `GET /v1/log` streams |
/// | `ledger_log_head_sequence` | gauge | — | the log's head sequence (read when scraped) |
public final class LedgerServerMetrics: Sendable {
    /// The registry everything is registered in.
    public let registry = PrometheusCollectorRegistry()

    private let accepted: Counter
    private let refused: [ErrorCode: Counter]
    private let failed: Counter
    private let submitDuration: DurationHistogram
    private let logStreams: Gauge
    private let headSequence: Gauge

    /// Registers the metrics in a fresh registry.
    public init() {
        accepted = registry.makeCounter(
            descriptor: Self.descriptor("transactions_accepted", "total", "Transactions accepted through this server."))
        // One series per error code, made once: a refusal only increments.
        var refused: [ErrorCode: Counter] = [:]
        for code in ErrorCode.allCases {
            refused[code] = registry.makeCounter(
                descriptor: Self.descriptor(
                    "transactions_refused", "total", "Transactions refused through this server, by error code."),
                labels: [("code", code.name)])
        }
        self.refused = refused
        failed = registry.makeCounter(
            descriptor: Self.descriptor(
                "transactions_failed", "total", "Submits that failed in storage or, for a remote ledger, upstream."))
        submitDuration = registry.makeDurationHistogram(
            descriptor: Self.descriptor(
                "submit_duration", "seconds", "Time the ledger took to accept or refuse a decoded transaction."),
            buckets: [
                .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
                .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                .seconds(1),
            ])
        logStreams = registry.makeGauge(descriptor: Self.descriptor("log", "streams", "Open GET /v1/log streams."))
        headSequence = registry.makeGauge(
            descriptor: Self.descriptor("log_head", "sequence", "The log's head sequence, read when scraped."))
    }

    private static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "ledger", metricName: name, unitName: unit, helpText: help)
    }

    /// Counts an accepted transaction and the time the ledger took.
    func countAccepted(after duration: Duration) {
        accepted.increment()
        submitDuration.record(duration)
    }

    /// Counts a refused transaction by its error code; `duration` is the ledger's time, nil when
    /// the server refused it before the ledger saw it (too large, malformed, bad signature).
    func countRefused(_ code: ErrorCode, after duration: Duration?) {
        refused[code]?.increment()
        if let duration { submitDuration.record(duration) }
    }

    /// Counts a submit that failed in storage or upstream, and the time it took.
    func countFailed(after duration: Duration) {
        failed.increment()
        submitDuration.record(duration)
    }

    /// Counts a log stream opening.
    func logStreamOpened() { logStreams.increment() }

    /// Counts a log stream closing.
    func logStreamClosed() { logStreams.decrement() }

    /// The exposition text, with the head sequence read from `ledger`.
    func exposition(of ledger: any LedgerAPI) async -> [UInt8] {
        if let sequence = try? await ledger.headSequence() { headSequence.set(Double(sequence)) }
        return registry.emitToBuffer()
    }
}
