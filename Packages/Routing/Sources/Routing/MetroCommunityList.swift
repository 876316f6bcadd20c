/// An exchange's (metro's) community list, `ip community-list COMM-<CODE>_USERS permit 21682:<value>` (RFC 6).
public struct MetroCommunityList: Hashable, Sendable {
    /// The exchange code as the ledger holds it (for example `xewr`).
    public var exchangeCode: String
    /// The metro community `21682:<exchange.bgp_community>`.
    public var community: BGPCommunity

    /// Creates a list entry.
    public init(exchangeCode: String, community: BGPCommunity) {
        self.exchangeCode = exchangeCode
        self.community = community
    }

    /// The community-list name, `COMM-<CODE upper-cased>_USERS`.
    public var name: String { "COMM-\(exchangeCode.uppercased())_USERS" }
}
