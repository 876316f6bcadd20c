import Models

/// The answer of `GET /v2/status`: the reconciler switch, the host's client IP, the network and
/// every provisioned service, with the generation the long-poll waits on.
public struct DaemonStatus: Codable, Sendable, Hashable {
    /// Whether the reconciler is enabled (as persisted in `state.json`).
    public var reconcilerEnabled: Bool
    /// The host's public IPv4 address the daemon matches users by (`""` when not known).
    public var clientIP: String
    /// `mainnet-beta`, `testnet`, `devnet` or `localnet`.
    public var network: String
    /// The provisioned services, unicast first.
    public var services: [ServiceReport]
    /// The backend's ``DaemonBackend/statusGeneration`` read before the services: pass it as
    /// `after` to wait for the next change (our addition; 0 when an older daemon leaves it out).
    public var generation: UInt64

    enum CodingKeys: String, CodingKey {
        case reconcilerEnabled = "reconciler_enabled"
        case clientIP = "client_ip"
        case network, services, generation
    }

    /// A status with the given fields.
    public init(
        reconcilerEnabled: Bool, clientIP: String, network: String, services: [ServiceReport], generation: UInt64 = 0
    ) {
        self.reconcilerEnabled = reconcilerEnabled
        self.clientIP = clientIP
        self.network = network
        self.services = services
        self.generation = generation
    }

    /// Decodes the wire form; a missing `generation` is 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reconcilerEnabled = try container.decode(Bool.self, forKey: .reconcilerEnabled)
        clientIP = try container.decode(String.self, forKey: .clientIP)
        network = try container.decode(String.self, forKey: .network)
        services = try container.decode([ServiceReport].self, forKey: .services)
        generation = try container.decodeIfPresent(UInt64.self, forKey: .generation) ?? 0
    }
}
