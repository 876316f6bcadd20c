import CommandLineSupport
import DaemonService

/// One row of `doublezero routes`: a route learnt over a tunnel's BGP session. In JSON the
/// liveness fields are explicit nulls when doublezerod runs without route liveness, as upstream.
struct RouteRow: Encodable, Sendable {
    /// The route shown.
    let record: RouteRecord

    /// Upstream's keys.
    private enum Keys: String, CodingKey {
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

    /// Encodes every key, with `null` for a missing liveness field.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(record.network, forKey: .network)
        try container.encode(record.localIP.description, forKey: .localIP)
        try container.encode(record.peerIP.description, forKey: .peerIP)
        try container.encode(record.kernelState, forKey: .kernelState)
        try container.encode(record.livenessLastUpdated, forKey: .livenessLastUpdated)
        try container.encode(record.livenessState, forKey: .livenessState)
        try container.encode(record.livenessStateReason, forKey: .livenessStateReason)
        try container.encode(record.livenessExpectedKernelState, forKey: .livenessExpectedKernelState)
        try container.encode(record.livenessPeerMode, forKey: .livenessPeerMode)
        try container.encode(record.peerClientVersion, forKey: .peerClientVersion)
    }

    /// Upstream's columns.
    static var columns: [TableColumn<RouteRow>] {
        [
            TableColumn("Network") { $0.record.network },
            TableColumn("Local IP") { $0.record.localIP.description },
            TableColumn("Peer IP") { $0.record.peerIP.description },
            TableColumn("Kernel State") { $0.record.kernelState.rawValue },
            TableColumn("Liveness Last Updated") { $0.record.livenessLastUpdated ?? "" },
            TableColumn("Liveness State") { $0.record.livenessState ?? "" },
            TableColumn("Liveness State Reason") { $0.record.livenessStateReason ?? "" },
            TableColumn("Peer Client Version") { $0.record.peerClientVersion ?? "" },
        ]
    }
}
