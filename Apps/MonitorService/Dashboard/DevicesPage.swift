import Models

/// `/devices`: every device with its capacity bars (unicast and multicast users against their
/// limits, and the users of each tunnel type), its endpoints and its last config fetch.
public struct DevicesPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "devices"
    /// The page's title.
    public static let title = "Devices"

    /// The users of one tunnel type on a device.
    public struct TypeCount: Sendable, Hashable, Codable {
        /// The user type.
        public var type: String
        /// How many hold a slot.
        public var count: Int
    }

    /// One device.
    public struct Row: Sendable, Hashable, Codable {
        /// Its code.
        public var code: String
        /// Its public key (base58).
        public var pubkey: String
        /// Its status.
        public var status: String
        /// Its exchange's code.
        public var exchange: String
        /// Its public IP.
        public var publicIp: String
        /// The addresses users can tunnel to (RFC 13).
        public var tunnelEndpoints: [String]
        /// Unicast users against the unicast limit.
        public var unicast: CapacityBar
        /// Multicast users against the multicast limit.
        public var multicast: CapacityBar
        /// Users by tunnel type (types with none left out).
        public var types: [TypeCount]
        /// Its links' codes.
        public var links: [String]
        /// When it last fetched its config (ISO 8601), when the controller is read.
        public var lastConfigFetch: String?
        /// Its open alerts.
        public var alerts: Int
        /// Whether it has any.
        public var hasAlerts: Bool
    }

    /// The status line.
    public var status: PageStatus
    /// Every device, by code.
    public var devices: [Row]

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) {
        status = PageStatus(view)
        var alerts: [String: Int] = [:]
        for alert in view.openAlerts where alert.finding.subject.kind == "device" {
            alerts[alert.finding.subject.id, default: 0] += 1
        }
        var links: [PublicKey: [String]] = [:]
        for link in view.state.links.values {
            links[link.sideA, default: []].append(link.code)
            links[link.sideZ, default: []].append(link.code)
        }
        let state = view.state
        devices = state.devices.values.sorted { $0.code < $1.code }.map { device in
            let held = view.tally[device.pubkey]
            return Row(
                code: device.code, pubkey: device.pubkey.base58, status: device.status.rawValue,
                exchange: state.exchanges[device.exchange]?.code ?? device.exchange.base58,
                publicIp: device.publicIp.description, tunnelEndpoints: device.userTunnelEndpoints.map(\.description),
                unicast: CapacityBar(used: held.unicast, limit: Int(device.maxUnicastUsers)),
                multicast: CapacityBar(used: held.multicast, limit: Int(device.maxMulticastUsers)),
                types: UserType.allCases.filter { held.count(of: $0) > 0 }.map {
                    TypeCount(type: $0.rawValue, count: held.count(of: $0))
                },
                links: (links[device.pubkey] ?? []).sorted(),
                lastConfigFetch: view.fetches?.lastFetch(of: device.code).map(DashboardFormat.time),
                alerts: alerts[device.pubkey.base58] ?? 0, hasAlerts: alerts[device.pubkey.base58] != nil)
        }
    }
}
