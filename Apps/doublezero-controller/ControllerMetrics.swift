import Foundation
import Prometheus

/// The controller's Prometheus metrics, served at `GET /metrics`.
///
/// | metric | type | labels | meaning |
/// |---|---|---|---|
/// | `controller_config_requests_total` | counter | device_code, pubkey, status | config requests for a known device, by HTTP status (200, 304, 409, 500) |
/// | `controller_config_unknown_device_total` | counter | — | requests naming no device (no per-name series, so hostile names cannot grow the registry) |
/// | `controller_config_render_errors_total` | counter | device_code, pubkey | requests for a device that gets no config (precondition failed or render refused) |
/// | `controller_snapshot_age_seconds` | gauge | — | seconds since the served snapshot was built (set when scraped) |
/// | `controller_snapshot_ledger_sequence` | gauge | — | ledger log sequence of the served snapshot |
/// | `controller_snapshot_devices` | gauge | — | devices in the served snapshot |
/// | `controller_cache_update_ops_total` | counter | — | snapshots built |
/// | `controller_cache_update_errors_total` | counter | — | failed ledger loads or follow sessions |
final class ControllerMetrics: Sendable {
    /// The registry everything is registered in.
    let registry = PrometheusCollectorRegistry()

    private let unknownDevice: Counter
    private let snapshotAge: Gauge
    private let snapshotSequence: Gauge
    private let snapshotDevices: Gauge
    private let updates: Counter
    private let updateErrors: Counter

    init() {
        unknownDevice = registry.makeCounter(
            descriptor: Self.descriptor("config_unknown_device", "total", "Config requests naming no device."))
        snapshotAge = registry.makeGauge(
            descriptor: Self.descriptor("snapshot_age", "seconds", "Seconds since the served snapshot was built."))
        snapshotSequence = registry.makeGauge(
            descriptor: Self.descriptor("snapshot_ledger", "sequence", "Ledger log sequence of the served snapshot."))
        snapshotDevices = registry.makeGauge(
            descriptor: Self.descriptor("snapshot", "devices", "Devices in the served snapshot."))
        updates = registry.makeCounter(descriptor: Self.descriptor("cache_update_ops", "total", "Snapshots built."))
        updateErrors = registry.makeCounter(
            descriptor: Self.descriptor("cache_update_errors", "total", "Failed ledger loads or follow sessions."))
    }

    private static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "controller", metricName: name, unitName: unit, helpText: help)
    }

    /// Counts a request for a known device answered with `status`.
    func countRequest(deviceCode: String, pubkey: String, status: Int) {
        registry.makeCounter(
            descriptor: Self.descriptor(
                "config_requests", "total", "Config requests for a known device, by HTTP status."),
            labels: [("device_code", deviceCode), ("pubkey", pubkey), ("status", String(status))]
        ).increment()
    }

    /// Counts a request for a device that gets no config.
    func countRenderError(deviceCode: String, pubkey: String) {
        registry.makeCounter(
            descriptor: Self.descriptor(
                "config_render_errors", "total",
                "Requests for a device that gets no config (precondition or render failure)."),
            labels: [("device_code", deviceCode), ("pubkey", pubkey)]
        ).increment()
    }

    /// Counts a request naming no device.
    func countUnknownDevice() { unknownDevice.increment() }

    /// Records a newly served snapshot.
    func snapshotBuilt(_ snapshot: ControllerSnapshot) {
        updates.increment()
        snapshotSequence.set(Double(snapshot.sequence))
        snapshotDevices.set(Double(snapshot.configs.entries.count))
    }

    /// Counts a failed ledger load or follow session.
    func countUpdateError() { updateErrors.increment() }

    /// The exposition text, with the snapshot age brought up to date.
    func exposition(current: ControllerSnapshot?) -> [UInt8] {
        if let current { snapshotAge.set(Date().timeIntervalSince(current.builtAt)) }
        return registry.emitToBuffer()
    }
}
