import Models

/// `/exchanges`: every exchange with its BGP community and whether the community is sound (RFC 6).
public struct ExchangesPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "exchanges"
    /// The page's title.
    public static let title = "Exchanges"

    /// One exchange.
    public struct Row: Sendable, Hashable, Codable {
        /// Its code.
        public var code: String
        /// The page's path name and template name.
        public var name: String
        /// Its public key (base58).
        public var pubkey: String
        /// Its status.
        public var status: String
        /// Its BGP community.
        public var bgpCommunity: Int
        /// Whether it is in 10000–10999 and used by no other exchange.
        public var communityOk: Bool
        /// What is wrong with the community, when something is.
        public var communityProblem: String?
        /// Its devices' codes.
        public var devices: [String]
    }

    /// The status line.
    public var status: PageStatus
    /// Every exchange, by code.
    public var exchanges: [Row]

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) {
        status = PageStatus(view)
        let problems = Dictionary(
            view.openAlerts.filter {
                $0.finding.kind == .exchangeCommunityOutOfRange || $0.finding.kind == .exchangeCommunityDuplicate
            }.map { ($0.finding.subject.id, $0.finding.message) }, uniquingKeysWith: { first, _ in first })
        var devices: [PublicKey: [String]] = [:]
        for device in view.state.devices.values { devices[device.exchange, default: []].append(device.code) }
        exchanges = view.state.exchanges.values.sorted { $0.code < $1.code }.map { exchange in
            let problem = problems[exchange.pubkey.base58]
            return Row(
                code: exchange.code, name: exchange.name, pubkey: exchange.pubkey.base58,
                status: exchange.status.rawValue, bgpCommunity: Int(exchange.bgpCommunity), communityOk: problem == nil,
                communityProblem: problem, devices: (devices[exchange.pubkey] ?? []).sorted())
        }
    }
}
