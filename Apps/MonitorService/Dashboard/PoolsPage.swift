/// `/pools`: every address and id pool with its utilisation bar.
public struct PoolsPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "pools"
    /// The page's title.
    public static let title = "Pools"

    /// One pool.
    public struct Row: Sendable, Hashable, Codable {
        /// `user_tunnel_block`, `tunnel_ids/ams-dz01`, …
        public var name: String
        /// Whether it holds addresses (else ids).
        public var addresses: Bool
        /// Allocated against capacity.
        public var bar: CapacityBar
        /// Whether it is above the alert threshold.
        public var overThreshold: Bool
    }

    /// The status line.
    public var status: PageStatus
    /// The alert threshold, percent.
    public var thresholdPercent: Int
    /// Every pool, global ones first.
    public var pools: [Row]

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) {
        status = PageStatus(view)
        let threshold = view.thresholds.poolUtilisation
        thresholdPercent = Int((threshold * 100).rounded())
        pools = view.pools.pools.map { pool in
            Row(
                name: pool.name, addresses: pool.id.holdsAddresses,
                bar: CapacityBar(used: pool.utilisation.allocated, limit: pool.utilisation.capacity),
                overThreshold: pool.utilisation.capacity > 0 && pool.utilisation.fraction > threshold)
        }
    }
}
