import Foundation
import Models

/// `/users[?device=CODE][&status=S][&type=T][&offset=N][&limit=N]`: users, filtered and paged
/// (a network has thousands; a page shows at most ``maxLimit``).
public struct UsersPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "users"
    /// The page's title.
    public static let title = "Users"
    /// The rows a page shows unless `limit` says otherwise.
    public static let defaultLimit = 200
    /// The most rows a page shows.
    public static let maxLimit = 10_000

    /// One user.
    public struct Row: Sendable, Hashable, Codable {
        /// Its public key (base58).
        public var pubkey: String
        /// Its owner's key (base58).
        public var owner: String
        /// Its user type.
        public var userType: String
        /// Its status.
        public var status: String
        /// Its device's code.
        public var device: String
        /// The client's public IP.
        public var clientIp: String
        /// Its DoubleZero IP.
        public var dzIp: String
        /// Its tunnel id.
        public var tunnelId: Int
        /// Its tunnel /31.
        public var tunnelNet: String
        /// How long it has waited in a pending or deleting status, as the monitor saw it.
        public var waiting: String?
    }

    /// The status line.
    public var status: PageStatus
    /// Users matching the filters.
    public var total: Int
    /// The first row's position among them.
    public var offset: Int
    /// The rows, by device code then client IP.
    public var users: [Row]
    /// The filters applied (empty strings for none).
    public var deviceFilter: String
    /// The status filter (empty: none).
    public var statusFilter: String
    /// The type filter (empty: none).
    public var typeFilter: String
    /// The next page's offset, when there is one.
    public var nextOffset: Int?

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) throws(DashboardQueryError) {
        status = PageStatus(view)
        func number(_ name: String, default value: Int, range: ClosedRange<Int>) throws(DashboardQueryError) -> Int {
            guard let text = query[name] else { return value }
            guard let parsed = Int(text), range.contains(parsed) else {
                throw DashboardQueryError(
                    "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text.prefix(32))')"
                )
            }
            return parsed
        }
        offset = try number("offset", default: 0, range: 0...Int(Int32.max))
        let limit = try number("limit", default: Self.defaultLimit, range: 1...Self.maxLimit)
        deviceFilter = query["device"] ?? ""
        statusFilter = query["status"] ?? ""
        typeFilter = query["type"] ?? ""
        if !statusFilter.isEmpty, UserStatus(rawValue: statusFilter) == nil {
            throw DashboardQueryError(
                "status must be one of \(UserStatus.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(statusFilter.prefix(32))')"
            )
        }
        if !typeFilter.isEmpty, UserType(rawValue: typeFilter) == nil {
            throw DashboardQueryError(
                "type must be one of \(UserType.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(typeFilter.prefix(32))')"
            )
        }
        let devices = view.state.devices
        let code: (PublicKey) -> String = { devices[$0]?.code ?? $0.base58 }
        let (deviceFilter, statusFilter, typeFilter) = (deviceFilter, statusFilter, typeFilter)
        let matching = view.state.users.values.filter { user in
            (deviceFilter.isEmpty || code(user.device) == deviceFilter || user.device.base58 == deviceFilter)
                && (statusFilter.isEmpty || user.status.rawValue == statusFilter)
                && (typeFilter.isEmpty || user.userType.rawValue == typeFilter)
        }
        .map { (code: code($0.device), user: $0) }
        .sorted {
            ($0.code, $0.user.clientIp.value, $0.user.pubkey) < ($1.code, $1.user.clientIp.value, $1.user.pubkey)
        }
        total = matching.count
        let waiting = view.clock.waiting
        let now = view.evaluatedAt
        users = matching.dropFirst(offset).prefix(limit).map { item in
            let user = item.user
            return Row(
                pubkey: user.pubkey.base58, owner: user.owner.base58, userType: user.userType.rawValue,
                status: user.status.rawValue, device: item.code, clientIp: user.clientIp.description,
                dzIp: user.dzIp.description, tunnelId: Int(user.tunnelId), tunnelNet: user.tunnelNet.description,
                waiting: waiting[user.pubkey].map { NetworkChecks.span(max(0, now.timeIntervalSince($0.since))) })
        }
        nextOffset = offset + users.count < total ? offset + users.count : nil
    }
}
