import Models

/// One element of `GET /routes`: a route learnt over a provisioned service's BGP session, with its
/// kernel state and (when route liveness runs) its liveness session. The liveness keys are left
/// out when liveness is disabled.
public struct RouteRecord: Codable, Sendable, Hashable {
    /// The network moniker (`testnet`, …).
    public var network: String
    /// The host's address the route uses as source (the service's DoubleZero IP).
    public var localIP: IPv4Address
    /// The other DoubleZero host the route leads to.
    public var peerIP: IPv4Address
    /// Whether the route is installed.
    public var kernelState: KernelRouteState
    /// When the liveness state last changed (RFC 3339, e.g. `2025-11-08T12:34:56Z`).
    public var livenessLastUpdated: String?
    /// `up`, `down`, `init` or `admin_down`.
    public var livenessState: String?
    /// Why it is down (`timeout`, `remote_admin`, `local_admin`, `remote_down`), else `""`.
    public var livenessStateReason: String?
    /// Whether liveness wants the route `present` or `absent`.
    public var livenessExpectedKernelState: KernelRouteState?
    /// `passive` or `active`.
    public var livenessPeerMode: String?
    /// The peer's doublezerod version, e.g. `0.8.6`.
    public var peerClientVersion: String?

    enum CodingKeys: String, CodingKey {
        case network
        case localIP = "local_ip"
        case peerIP = "peer_ip"
        case kernelState = "kernel_state"
        case livenessLastUpdated = "liveness_last_updated"
        case livenessState = "liveness_state"
        case livenessStateReason = "liveness_state_reason"
        case livenessExpectedKernelState = "liveness_expected_kernel_state"
        case livenessPeerMode = "liveness_peer_mode"
        case peerClientVersion = "peer_client_version"
    }

    /// A record with the given fields (nil liveness fields are left out of the JSON).
    public init(
        network: String, localIP: IPv4Address, peerIP: IPv4Address, kernelState: KernelRouteState,
        livenessLastUpdated: String? = nil, livenessState: String? = nil, livenessStateReason: String? = nil,
        livenessExpectedKernelState: KernelRouteState? = nil, livenessPeerMode: String? = nil,
        peerClientVersion: String? = nil
    ) {
        self.network = network
        self.localIP = localIP
        self.peerIP = peerIP
        self.kernelState = kernelState
        self.livenessLastUpdated = livenessLastUpdated
        self.livenessState = livenessState
        self.livenessStateReason = livenessStateReason
        self.livenessExpectedKernelState = livenessExpectedKernelState
        self.livenessPeerMode = livenessPeerMode
        self.peerClientVersion = peerClientVersion
    }

    /// Upstream's order: by network, local IP, peer IP, kernel state, then liveness state.
    public static func isOrderedBefore(_ lhs: RouteRecord, _ rhs: RouteRecord) -> Bool {
        if lhs.network != rhs.network { return lhs.network < rhs.network }
        if lhs.localIP != rhs.localIP { return lhs.localIP < rhs.localIP }
        if lhs.peerIP != rhs.peerIP { return lhs.peerIP < rhs.peerIP }
        if lhs.kernelState != rhs.kernelState { return lhs.kernelState < rhs.kernelState }
        return (lhs.livenessState ?? "") < (rhs.livenessState ?? "")
    }
}
