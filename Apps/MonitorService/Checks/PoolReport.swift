import Allocator
import Ledger
import Models

/// The Allocator's view of the ledger's state: pools rebuilt from what the entities hold, with
/// every pool's utilisation and the audit's findings (values held twice, outside their pool, or
/// reserved). Empty until the ledger has a global config.
public struct PoolReport: Sendable, Hashable {
    /// One pool.
    public struct Pool: Sendable, Hashable {
        /// The pool.
        public var id: ResourcePoolID
        /// Its name for people and metrics: `user_tunnel_block`, `tunnel_ids/ams-dz01`, …
        public var name: String
        /// How full it is.
        public var utilisation: PoolUtilisation
    }

    /// Every pool, global ones first.
    public private(set) var pools: [Pool] = []
    /// What the audit found, in the Allocator's order.
    public private(set) var findings: [AllocationFinding] = []

    /// The report of `state`.
    public init(_ state: LedgerState) {
        guard let globalConfig = state.globalConfig else { return }
        let snapshot = AllocationSnapshot(
            globalConfig: globalConfig, devices: Array(state.devices.values), links: Array(state.links.values),
            users: Array(state.users.values), multicastGroups: Array(state.multicastGroups.values))
        let (rebuilt, findings) = ResourcePools.rebuiltAndAudited(snapshot)
        self.findings = findings
        pools = rebuilt.poolIDs.compactMap { id in
            rebuilt.utilisation(of: id).map { Pool(id: id, name: Self.name(of: id, in: state), utilisation: $0) }
        }
    }

    /// `device_tunnel_block`, `user_tunnel_block`, …, `tunnel_ids/<device code>`, `dz_prefixes/<device code>`.
    public static func name(of id: ResourcePoolID, in state: LedgerState) -> String {
        func code(_ key: PublicKey) -> String { state.devices[key]?.code ?? key.base58 }
        return switch id {
        case .deviceTunnelBlock: "device_tunnel_block"
        case .userTunnelBlock: "user_tunnel_block"
        case .multicastGroupBlock: "multicast_group_block"
        case .multicastPublisherBlock: "multicast_publisher_block"
        case .linkIDs: "link_ids"
        case .segmentRoutingIDs: "segment_routing_ids"
        case .userTunnelIDs(let device): "tunnel_ids/\(code(device))"
        case .dzPrefixes(let device): "dz_prefixes/\(code(device))"
        }
    }
}
