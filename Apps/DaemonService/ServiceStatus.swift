/// One element of `GET /status`: a provisioned service as upstream's StatusResponse, or the
/// `{"doublezero_status": {"session_status": "disconnected"}}` placeholder when there is none.
public struct ServiceStatus: Codable, Sendable, Hashable {
    /// `doublezero0` or `doublezero1`.
    public var tunnelName: String?
    /// The host's underlay address (`""` when unset).
    public var tunnelSource: String?
    /// The device endpoint.
    public var tunnelDestination: String?
    /// The DoubleZero IP (`""` for a multicast subscriber only).
    public var doubleZeroIP: String?
    /// The BGP session.
    public var session: SessionStatus
    /// `IBRL`, `IBRLWithAllocatedIP`, `EdgeFiltering` or `Multicast`.
    public var userType: String?

    enum CodingKeys: String, CodingKey {
        case tunnelName = "tunnel_name"
        case tunnelSource = "tunnel_src"
        case tunnelDestination = "tunnel_dst"
        case doubleZeroIP = "doublezero_ip"
        case session = "doublezero_status"
        case userType = "user_type"
    }

    /// The placeholder `/status` answers with when nothing is provisioned.
    public static let disconnected = ServiceStatus(
        tunnelName: nil, tunnelSource: nil, tunnelDestination: nil, doubleZeroIP: nil,
        session: SessionStatus(state: .disconnected, lastUpdate: nil), userType: nil)

    /// An element with the given fields (nil ones are left out of the JSON).
    public init(
        tunnelName: String?, tunnelSource: String?, tunnelDestination: String?, doubleZeroIP: String?,
        session: SessionStatus, userType: String?
    ) {
        self.tunnelName = tunnelName
        self.tunnelSource = tunnelSource
        self.tunnelDestination = tunnelDestination
        self.doubleZeroIP = doubleZeroIP
        self.session = session
        self.userType = userType
    }

    /// The `/status` element of a service (its `/v2/status` entry without the enrichment).
    public init(_ report: ServiceReport) {
        self.init(
            tunnelName: report.tunnelName, tunnelSource: report.tunnelSource?.description ?? "",
            tunnelDestination: report.tunnelDestination?.description ?? "",
            doubleZeroIP: report.doubleZeroIP?.description ?? "", session: report.session,
            userType: report.userType.apiName)
    }
}
