import Foundation

/// The line every page carries: which ledger sequence and evaluation it shows, and the alert count.
public struct PageStatus: Sendable, Hashable, Codable {
    /// The ledger sequence the page reflects.
    public var sequence: UInt64
    /// When the evaluation ran (ISO 8601).
    public var evaluatedAt: String
    /// How long the evaluation took, in milliseconds.
    public var evaluationMs: Double
    /// Open alerts.
    public var openAlerts: Int
    /// Open critical alerts.
    public var criticalAlerts: Int
    /// Entries received from the ledger and not yet applied.
    public var followLag: UInt64
    /// Whether it is behind at all.
    public var lagging: Bool

    /// The status of `view`.
    public init(_ view: MonitorView) {
        sequence = view.sequence
        evaluatedAt = DashboardFormat.time(view.evaluatedAt)
        evaluationMs = (NetworkChecks.seconds(view.evaluationTime) * 1e6).rounded() / 1000
        openAlerts = view.openAlerts.count
        criticalAlerts = view.openAlerts.count { $0.finding.severity == .critical }
        followLag = view.follow.lag
        lagging = followLag > 0
    }
}
