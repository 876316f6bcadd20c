import Foundation
import Ledger
import Models

/// Every rule the monitor checks, as one pure function of the ledger's state and what the monitor
/// observed over time: the same inputs give the same findings, so each check is tested with a
/// crafted state and the service only feeds it.
///
/// | kind | rule |
/// |---|---|
/// | exchange_community_out_of_range, exchange_community_duplicate | RFC 6: each exchange's BGP community in 10000–10999 and unique |
/// | device_tunnel_endpoints | RFC 13: at least two user tunnel endpoints (the public IP and a `user-tunnel-endpoint` interface) |
/// | device_user_count_mismatch, device_users_over_limit | the per-type counters equal the users holding a slot, and stay within the limits |
/// | user_stuck | no user pending or deleting longer than ``MonitorThresholds/stuckUser`` |
/// | allocation_conflict | the Allocator's audit: nothing held twice, outside its pool, or reserved |
/// | pool_utilisation | no pool fuller than ``MonitorThresholds/poolUtilisation`` |
/// | link_end_missing, link_end_not_activated, interface_unlinked | links in service join activated devices through linked interfaces |
/// | device_config_stale, controller_unreachable | every activated device fetched its config within ``MonitorThresholds/configFetch`` |
public struct NetworkChecks: Sendable {
    /// The limits compared against.
    public var thresholds: MonitorThresholds

    /// Checks against `thresholds`.
    public init(thresholds: MonitorThresholds = MonitorThresholds()) {
        self.thresholds = thresholds
    }

    /// What one evaluation reads.
    public struct Input: Sendable {
        /// The ledger's state.
        public var state: LedgerState
        /// Its users counted per device.
        public var tally: DeviceTally
        /// Its pools.
        public var pools: PoolReport
        /// Since when users wait.
        public var clock: UserStatusClock
        /// The controller's config fetches, when the monitor reads them.
        public var fetches: ConfigFetchWatch?
        /// The evaluation time.
        public var now: Date

        /// An input; `tally` and `pools` are derived from `state` when not given.
        public init(
            state: LedgerState, tally: DeviceTally? = nil, pools: PoolReport? = nil, clock: UserStatusClock = .init(),
            fetches: ConfigFetchWatch? = nil, now: Date
        ) {
            self.state = state
            self.tally = tally ?? DeviceTally(state)
            self.pools = pools ?? PoolReport(state)
            self.clock = clock
            self.fetches = fetches
            self.now = now
        }
    }

    /// Every finding, ordered by kind then subject.
    public func evaluate(_ input: Input) -> [Finding] {
        var findings: [Finding] = []
        findings += exchangeFindings(input.state)
        findings += deviceFindings(input.state, tally: input.tally)
        findings += userFindings(input.state, clock: input.clock, now: input.now)
        findings += poolFindings(input.pools, state: input.state)
        findings += linkFindings(input.state)
        if let fetches = input.fetches { findings += fetchFindings(input.state, fetches: fetches, now: input.now) }
        let order = Dictionary(uniqueKeysWithValues: AlertKind.allCases.enumerated().map { ($1, $0) })
        return findings.sorted { (order[$0.kind]!, $0.subject, $0.detail) < (order[$1.kind]!, $1.subject, $1.detail) }
    }

    // MARK: - Subjects

    static func subject(_ exchange: Exchange) -> AlertSubject {
        AlertSubject(kind: "exchange", id: exchange.pubkey.base58, label: exchange.code)
    }

    static func subject(_ device: Device) -> AlertSubject {
        AlertSubject(kind: "device", id: device.pubkey.base58, label: device.code)
    }

    static func subject(_ link: Link) -> AlertSubject {
        AlertSubject(kind: "link", id: link.pubkey.base58, label: link.code)
    }

    static func subject(_ user: User) -> AlertSubject {
        AlertSubject(kind: "user", id: user.pubkey.base58, label: user.pubkey.base58)
    }

    /// `5m12s`, `48s`, `2h3m`.
    static func span(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.down))
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        if hours > 0 { return "\(hours)h\(minutes)m" }
        if minutes > 0 { return "\(minutes)m\(rest)s" }
        return "\(rest)s"
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
