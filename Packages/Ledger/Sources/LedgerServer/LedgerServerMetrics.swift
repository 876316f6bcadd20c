import CoreMetrics
import Ledger
import Models

/// The ledger server's metrics, recorded through the swift-metrics API (the executable exports
/// them, e.g. to Prometheus at `GET /metrics`). Transactions are counted as they come through this
/// server; other processes writing the same file move only the head.
///
/// | metric | type | dimensions | meaning |
/// |---|---|---|---|
/// | `ledger_transactions_accepted_total` | counter | — | transactions accepted through this server |
/// | `ledger_transactions_refused_total` | counter | code | transactions refused through this server, by error code name (a fixed set) |
/// | `ledger_transactions_failed_total` | counter | — | submits that failed in storage (or, for a served remote ledger, upstream) |
/// | `ledger_submit_duration_seconds` | timer (a histogram in Prometheus; buckets ``submitDurationBuckets``) | — | time the ledger took to accept or refuse a decoded transaction |
/// | `ledger_log_streams` | meter (a gauge) | — | open `GET /v1/log` streams |
/// | `ledger_log_head_sequence` | gauge | — | the log's head sequence (brought up to date by ``recordHead(of:)``, e.g. when scraped) |
public final class LedgerServerMetrics: Sendable {
    /// The label of the submit-duration timer (for a backend's bucket settings).
    public static let submitDurationLabel = "ledger_submit_duration_seconds"
    /// Histogram buckets that suit the submit durations: 250 µs to 1 s.
    public static let submitDurationBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    private let accepted: Counter
    private let refused: [ErrorCode: Counter]
    private let failed: Counter
    private let submitDuration: Timer
    private let logStreams: Meter
    private let headSequence: Gauge

    /// Metrics recorded through `factory` (default: the process's bootstrapped metrics system).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        accepted = Counter(label: "ledger_transactions_accepted_total", factory: factory)
        // One series per error code, made once: a refusal only increments.
        var refused: [ErrorCode: Counter] = [:]
        for code in ErrorCode.allCases {
            refused[code] = Counter(
                label: "ledger_transactions_refused_total", dimensions: [("code", code.name)], factory: factory)
        }
        self.refused = refused
        failed = Counter(label: "ledger_transactions_failed_total", factory: factory)
        submitDuration = Timer(label: Self.submitDurationLabel, factory: factory)
        logStreams = Meter(label: "ledger_log_streams", factory: factory)
        headSequence = Gauge(label: "ledger_log_head_sequence", factory: factory)
        logStreams.set(0)
    }

    /// Counts an accepted transaction and the time the ledger took.
    func countAccepted(after duration: Duration) {
        accepted.increment()
        submitDuration.recordInterval(duration)
    }

    /// Counts a refused transaction by its error code; `duration` is the ledger's time, nil when
    /// the server refused it before the ledger saw it (too large, malformed, bad signature).
    func countRefused(_ code: ErrorCode, after duration: Duration?) {
        refused[code]?.increment()
        if let duration { submitDuration.recordInterval(duration) }
    }

    /// Counts a submit that failed in storage or upstream, and the time it took.
    func countFailed(after duration: Duration) {
        failed.increment()
        submitDuration.recordInterval(duration)
    }

    /// Counts a log stream opening.
    func logStreamOpened() { logStreams.increment() }

    /// Counts a log stream closing.
    func logStreamClosed() { logStreams.decrement() }

    /// Brings the head-sequence gauge up to date from `ledger` (call before exporting).
    public func recordHead(of ledger: any LedgerAPI) async {
        if let sequence = try? await ledger.headSequence() { headSequence.record(Double(sequence)) }
    }
}

extension Timer {
    /// Records `duration` in nanoseconds.
    fileprivate func recordInterval(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
