import CoreMetrics
import Foundation

/// The controller's metrics, recorded through the swift-metrics API (the executable exports them
/// to Prometheus at `GET /metrics`).
///
/// | metric | type | dimensions | meaning |
/// |---|---|---|---|
/// | `controller_config_requests_total` | counter | device_code, pubkey, status | config requests for a known device, by HTTP status (200, 304, 409, 500) |
/// | `controller_config_unknown_device_total` | counter | — | requests naming no device (no per-name series, so hostile names cannot grow the registry) |
/// | `controller_config_render_errors_total` | counter | device_code, pubkey | requests for a device that gets no config (precondition failed or render refused) |
/// | `controller_snapshot_age_seconds` | gauge | — | seconds since the served snapshot was built (brought up to date by ``recordSnapshotAge(of:)``, e.g. when scraped) |
/// | `controller_snapshot_ledger_sequence` | gauge | — | ledger log sequence of the served snapshot |
/// | `controller_snapshot_devices` | gauge | — | devices in the served snapshot |
/// | `controller_cache_update_ops_total` | counter | — | snapshots built |
/// | `controller_cache_update_errors_total` | counter | — | failed snapshot builds or ledger follow attempts |
public final class ControllerMetrics: Sendable {
    private let factory: any MetricsFactory
    private let unknownDevice: Counter
    private let snapshotAge: Gauge
    private let snapshotSequence: Gauge
    private let snapshotDevices: Gauge
    private let updates: Counter
    private let updateErrors: Counter

    /// Metrics recorded through `factory` (default: the process's bootstrapped metrics system).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        unknownDevice = Counter(label: "controller_config_unknown_device_total", factory: factory)
        snapshotAge = Gauge(label: "controller_snapshot_age_seconds", factory: factory)
        snapshotSequence = Gauge(label: "controller_snapshot_ledger_sequence", factory: factory)
        snapshotDevices = Gauge(label: "controller_snapshot_devices", factory: factory)
        updates = Counter(label: "controller_cache_update_ops_total", factory: factory)
        updateErrors = Counter(label: "controller_cache_update_errors_total", factory: factory)
    }

    /// Counts a request for a known device answered with `status`.
    func countRequest(deviceCode: String, pubkey: String, status: Int) {
        Counter(
            label: "controller_config_requests_total",
            dimensions: [("device_code", deviceCode), ("pubkey", pubkey), ("status", String(status))],
            factory: factory
        ).increment()
    }

    /// Counts a request for a device that gets no config.
    func countRenderError(deviceCode: String, pubkey: String) {
        Counter(
            label: "controller_config_render_errors_total",
            dimensions: [("device_code", deviceCode), ("pubkey", pubkey)],
            factory: factory
        ).increment()
    }

    /// Counts a request naming no device.
    func countUnknownDevice() { unknownDevice.increment() }

    /// Records a newly served snapshot.
    func snapshotBuilt(_ snapshot: ControllerSnapshot) {
        updates.increment()
        snapshotSequence.record(Double(snapshot.sequence))
        snapshotDevices.record(Double(snapshot.configs.entries.count))
        snapshotAge.record(0)
    }

    /// Counts a failed snapshot build or follow attempt.
    func countUpdateError() { updateErrors.increment() }

    /// Brings the snapshot-age gauge up to date (call before exporting).
    public func recordSnapshotAge(of snapshot: ControllerSnapshot?) {
        if let snapshot { snapshotAge.record(Date().timeIntervalSince(snapshot.builtAt)) }
    }
}
