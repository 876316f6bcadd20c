import Models

/// `/`: counts of every kind by status, the open alerts, users by type and the fullest pools.
public struct OverviewPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "overview"
    /// The page's title.
    public static let title = "Overview"

    /// Entities of one kind.
    public struct KindCount: Sendable, Hashable, Codable {
        /// `exchanges`, `devices`, …
        public var kind: String
        /// All of them.
        public var total: Int
        /// By status, most common first.
        public var statuses: [StatusCount]
    }

    /// A count under one name.
    public struct StatusCount: Sendable, Hashable, Codable {
        /// The status or type.
        public var name: String
        /// How many.
        public var count: Int
    }

    /// A pool's fill.
    public struct PoolFill: Sendable, Hashable, Codable {
        /// The pool.
        public var name: String
        /// Its bar.
        public var bar: CapacityBar
    }

    /// The status line.
    public var status: PageStatus
    /// Every kind counted.
    public var kinds: [KindCount]
    /// Users by type (all statuses).
    public var userTypes: [StatusCount]
    /// The open alerts.
    public var openAlerts: [AlertRow]
    /// Whether none is open.
    public var allClear: Bool
    /// The five fullest pools.
    public var fullestPools: [PoolFill]

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) {
        status = PageStatus(view)
        func count<T>(_ kind: String, _ values: some Collection<T>, _ statusOf: (T) -> String) -> KindCount {
            let grouped = Dictionary(grouping: values, by: statusOf).map {
                StatusCount(name: $0.key, count: $0.value.count)
            }
            return KindCount(
                kind: kind, total: values.count, statuses: grouped.sorted { ($1.count, $0.name) < ($0.count, $1.name) })
        }
        let state = view.state
        kinds = [
            count("exchanges", state.exchanges.values) { $0.status.rawValue },
            count("devices", state.devices.values) { $0.status.rawValue },
            count("links", state.links.values) { $0.status.rawValue },
            count("users", state.users.values) { $0.status.rawValue },
            count("multicast groups", state.multicastGroups.values) { $0.status.rawValue },
        ]
        var types: [UserType: Int] = [:]
        for user in state.users.values { types[user.userType, default: 0] += 1 }
        userTypes = UserType.allCases.map { StatusCount(name: $0.rawValue, count: types[$0] ?? 0) }
        openAlerts = view.openAlerts.map { AlertRow($0, now: view.evaluatedAt) }
        allClear = view.openAlerts.isEmpty
        fullestPools = view.pools.pools
            .map {
                PoolFill(
                    name: $0.name, bar: CapacityBar(used: $0.utilisation.allocated, limit: $0.utilisation.capacity))
            }
            .sorted { ($1.bar.percent, $0.name) < ($0.bar.percent, $1.name) }
            .prefix(5).map { $0 }
    }
}
