import Models

/// The answer of `GET /v2/status`: the reconciler switch, the host's client IP, the network and
/// every provisioned service.
public struct DaemonStatus: Codable, Sendable, Hashable {
    /// Whether the reconciler is enabled (as persisted in `state.json`).
    public var reconcilerEnabled: Bool
    /// The host's public IPv4 address the daemon matches users by (`""` when not known).
    public var clientIP: String
    /// `mainnet-beta`, `testnet`, `devnet` or `localnet`.
    public var network: String
    /// The provisioned services, unicast first.
    public var services: [ServiceReport]

    enum CodingKeys: String, CodingKey {
        case reconcilerEnabled = "reconciler_enabled"
        case clientIP = "client_ip"
        case network, services
    }

    /// A status with the given fields.
    public init(reconcilerEnabled: Bool, clientIP: String, network: String, services: [ServiceReport]) {
        self.reconcilerEnabled = reconcilerEnabled
        self.clientIP = clientIP
        self.network = network
        self.services = services
    }
}
