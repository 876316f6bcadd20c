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
/// | `ledger_auth_attempts_total` | counter | result (`success`, `rejected_invalid`, `rejected_rate_limited`) | submissions by how their authentication went |
/// | `ledger_auth_lockouts_total` | counter | scope (`key`, `global`) | lockouts begun |
/// | `ledger_auth_locked_keys` | gauge | — | keys locked out now |
/// | `ledger_auth_global_lockout_remaining_seconds` | gauge | — | seconds left of the global lockout (0: none) |
/// | `ledger_auth_tracked_keys` | gauge | — | keys with failures tracked (bounded) |
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
    private let authAttempts: [AuthenticationResult: Counter]
    private let keyLockouts: Counter
    private let globalLockouts: Counter
    private let lockedKeys: Gauge
    private let globalLockoutRemaining: Gauge
    private let trackedKeys: Gauge

    /// How a submission's authentication went.
    enum AuthenticationResult: String, CaseIterable {
        case succeeded = "success"
        case failed = "rejected_invalid"
        case rateLimited = "rejected_rate_limited"
    }

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
        var attempts: [AuthenticationResult: Counter] = [:]
        for result in AuthenticationResult.allCases {
            attempts[result] = Counter(
                label: "ledger_auth_attempts_total", dimensions: [("result", result.rawValue)], factory: factory)
        }
        authAttempts = attempts
        keyLockouts = Counter(label: "ledger_auth_lockouts_total", dimensions: [("scope", "key")], factory: factory)
        globalLockouts = Counter(
            label: "ledger_auth_lockouts_total", dimensions: [("scope", "global")], factory: factory)
        lockedKeys = Gauge(label: "ledger_auth_locked_keys", factory: factory)
        globalLockoutRemaining = Gauge(label: "ledger_auth_global_lockout_remaining_seconds", factory: factory)
        trackedKeys = Gauge(label: "ledger_auth_tracked_keys", factory: factory)
        logStreams.set(0)
        lockedKeys.record(0)
        globalLockoutRemaining.record(0)
        trackedKeys.record(0)
    }

    /// Counts a submission's authentication result.
    func countAuthentication(_ result: AuthenticationResult) {
        authAttempts[result]?.increment()
    }

    /// Counts a lockout that began.
    func countLockout(global: Bool) {
        (global ? globalLockouts : keyLockouts).increment()
    }

    /// Records the lockout gauges.
    func recordLockouts(lockedKeys locked: Int, globalRemaining: Duration?, trackedKeys tracked: Int) {
        lockedKeys.record(Double(locked))
        globalLockoutRemaining.record(globalRemaining.map { $0 / .seconds(1) } ?? 0)
        trackedKeys.record(Double(tracked))
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
