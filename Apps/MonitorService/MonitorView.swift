import Foundation
import Ledger
import LedgerClient

/// What one evaluation saw, immutable: the ledger's state, what was derived from it, and the
/// alerts. The dashboard renders every page from one view, so a page never mixes two evaluations.
public struct MonitorView: Sendable {
    /// The ledger sequence the state reflects.
    public var sequence: UInt64
    /// When the evaluation ran.
    public var evaluatedAt: Date
    /// How long it took.
    public var evaluationTime: Duration
    /// The ledger's state.
    public var state: LedgerState
    /// The users counted per device.
    public var tally: DeviceTally
    /// The pools.
    public var pools: PoolReport
    /// Since when users wait in pending or deleting.
    public var clock: UserStatusClock
    /// The open alerts, most severe then oldest first.
    public var openAlerts: [Alert]
    /// Cleared alerts, oldest first.
    public var history: [Alert]
    /// The follow session's status.
    public var follow: LedgerFollowStatus
    /// The controller's config fetches, when the monitor reads them.
    public var fetches: ConfigFetchWatch?
    /// The thresholds the checks used.
    public var thresholds: MonitorThresholds

    /// A view.
    public init(
        sequence: UInt64, evaluatedAt: Date, evaluationTime: Duration, state: LedgerState, tally: DeviceTally,
        pools: PoolReport, clock: UserStatusClock, openAlerts: [Alert], history: [Alert], follow: LedgerFollowStatus,
        fetches: ConfigFetchWatch?, thresholds: MonitorThresholds
    ) {
        self.sequence = sequence
        self.evaluatedAt = evaluatedAt
        self.evaluationTime = evaluationTime
        self.state = state
        self.tally = tally
        self.pools = pools
        self.clock = clock
        self.openAlerts = openAlerts
        self.history = history
        self.follow = follow
        self.fetches = fetches
        self.thresholds = thresholds
    }
}
