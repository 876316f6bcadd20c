import Foundation

/// What the agent last applied, written to `status.json` atomically after each apply (and when
/// FRR was restarted), for operators, the devnet and tests.
public struct DeviceAgentStatus: Codable, Sendable, Equatable {
    /// One user tunnel's device end.
    public struct Tunnel: Codable, Sendable, Equatable {
        /// The slot id.
        public var id: UInt16
        /// `Tunnel<id>`.
        public var interface: String
        /// The client's public address.
        public var clientUnderlay: String
        /// The user's DZ IP.
        public var dzIp: String
        /// The device endpoint it terminates on.
        public var deviceEndpoint: String
        /// Packets sent into and received from the tunnel so far (userspace datapath).
        public var packetsSent: UInt64
        /// See ``packetsSent``.
        public var packetsReceived: UInt64
        /// Why the tunnel could not be built, when it could not.
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case id, interface, error
            case clientUnderlay = "client_underlay"
            case dzIp = "dz_ip"
            case deviceEndpoint = "device_endpoint"
            case packetsSent = "packets_sent"
            case packetsReceived = "packets_received"
        }
    }

    /// FRR's state.
    public struct FRR: Codable, Sendable, Equatable {
        /// Whether every daemon runs.
        public var running: Bool
        /// How many times a daemon was restarted after it exited.
        public var restarts: Int
        /// The daemons' process ids, by name.
        public var pids: [String: Int32]
    }

    /// The device's code.
    public var device: String
    /// Whether the last config was applied without an error.
    public var applied: Bool
    /// The FRR config's entity tag that was applied.
    public var configEtag: String?
    /// The model's entity tag that was applied.
    public var modelEtag: String?
    /// When it was applied (ISO 8601, UTC, milliseconds).
    public var appliedAt: String?
    /// How many applies so far.
    public var applyCount: Int
    /// How long the last apply took, in milliseconds.
    public var lastApplyMs: Double?
    /// The last error, if the last apply failed.
    public var error: String?
    /// The user tunnels served.
    public var userTunnels: [Tunnel]
    /// FRR.
    public var frr: FRR

    enum CodingKeys: String, CodingKey {
        case device, applied, error, frr
        case configEtag = "config_etag"
        case modelEtag = "model_etag"
        case appliedAt = "applied_at"
        case applyCount = "apply_count"
        case lastApplyMs = "last_apply_ms"
        case userTunnels = "user_tunnels"
    }

    /// Writes the status to `file` atomically (a temporary file renamed over it).
    func write(to file: URL) throws(DeviceAgentError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: file, options: .atomic)
        } catch {
            throw .cannotWrite(path: file.path, reason: "\(error)")
        }
    }

    /// `date` as ISO 8601 with milliseconds, UTC.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
