import Models

/// `/links`: every link with its ends, drain state and delay.
public struct LinksPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "links"
    /// The page's title.
    public static let title = "Links"

    /// One link.
    public struct Row: Sendable, Hashable, Codable {
        /// Its code.
        public var code: String
        /// Its public key (base58).
        public var pubkey: String
        /// Its status.
        public var status: String
        /// `none`, `soft` or `hard` (RFC 9).
        public var drain: String
        /// Whether it is drained at all.
        public var drained: Bool
        /// `wan` or `dzx`.
        public var linkType: String
        /// Side A's device code and interface.
        public var sideA: String
        /// Side Z's device code and interface.
        public var sideZ: String
        /// The measured delay, ms.
        public var delayMs: Double
        /// The jitter, ms.
        public var jitterMs: Double
        /// The operator's delay override, ms (nil: none).
        public var delayOverrideMs: Double?
        /// Bandwidth, bits per second.
        public var bandwidth: UInt64
        /// Its /31.
        public var tunnelNet: String
    }

    /// The status line.
    public var status: PageStatus
    /// Every link, by code.
    public var links: [Row]

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) {
        status = PageStatus(view)
        let devices = view.state.devices
        func end(_ key: PublicKey, _ interface: String) -> String {
            "\(devices[key]?.code ?? key.base58) \(interface)"
        }
        links = view.state.links.values.sorted { $0.code < $1.code }.map { link in
            let drain =
                switch link.status {
                case .softDrained: "soft"
                case .hardDrained: "hard"
                default: "none"
                }
            return Row(
                code: link.code, pubkey: link.pubkey.base58, status: link.status.rawValue, drain: drain,
                drained: drain != "none", linkType: link.linkType.rawValue, sideA: end(link.sideA, link.sideAIfaceName),
                sideZ: end(link.sideZ, link.sideZIfaceName),
                delayMs: DashboardFormat.milliseconds(nanoseconds: link.delayNs),
                jitterMs: DashboardFormat.milliseconds(nanoseconds: link.jitterNs),
                delayOverrideMs: link.delayOverrideNs == 0
                    ? nil : DashboardFormat.milliseconds(nanoseconds: link.delayOverrideNs),
                bandwidth: link.bandwidth, tunnelNet: link.tunnelNet.description)
        }
    }
}
