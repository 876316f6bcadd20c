/// A link between two devices, carried as a GRE-less point-to-point /31 with IS-IS.
public struct Link: Hashable, Sendable, Codable {
    /// Valid link bandwidth in bits per second (10 to 400 Gbps).
    public static let bandwidthRange: ClosedRange<UInt64> = 10_000_000_000...400_000_000_000
    /// Valid delay, jitter and delay override in nanoseconds (10 µs to 1 s).
    public static let delayRange: ClosedRange<UInt64> = 10_000...1_000_000_000
    /// The only valid link MTU.
    public static let mtu: UInt32 = 9000
    /// The highest link tunnel id (ids start at 1; 0 means unset).
    public static let maxTunnelId: UInt16 = 1024

    /// The entity key.
    public var pubkey: PublicKey
    /// The key that created it.
    public var owner: PublicKey
    /// The global account index taken at creation.
    public var index: UInt64
    /// Lower-case code, for example `la2-dz01:ny5-dz01`.
    public var code: String
    /// Side-A device.
    public var sideA: PublicKey
    /// Side-Z device; differs from side A. A DZX link holds a reference on it only once side Z
    /// has accepted it (named its interface); until then that device may be drained or deleted.
    public var sideZ: PublicKey
    /// WAN or DZX.
    public var linkType: LinkType
    /// Bandwidth in bits per second.
    public var bandwidth: UInt64
    /// MTU; must be 9000.
    public var mtu: UInt32
    /// One-way delay in nanoseconds.
    public var delayNs: UInt64
    /// Jitter in nanoseconds.
    public var jitterNs: UInt64
    /// Delay used for the IS-IS metric instead of `delay_ns`; 0 = off.
    public var delayOverrideNs: UInt64
    /// Link id (1...1024) allocated by the activator; 0 = not yet.
    public var tunnelId: UInt16
    /// The /31 allocated from the device tunnel block; `0.0.0.0/0` = not yet.
    public var tunnelNet: IPv4Prefix
    /// Status.
    public var status: LinkStatus
    /// Why it was rejected, when it was: by the activator, or by side Z declining a DZX request.
    public var rejectReason: String?
    /// Side-A contributor.
    public var contributor: PublicKey
    /// Bound interface on side A.
    public var sideAIfaceName: String
    /// Bound interface on side Z (empty until a DZX link is accepted).
    public var sideZIfaceName: String

    /// Creates a link.
    public init(
        pubkey: PublicKey, owner: PublicKey, index: UInt64, code: String, sideA: PublicKey, sideZ: PublicKey,
        linkType: LinkType = .wan, bandwidth: UInt64, mtu: UInt32 = Link.mtu, delayNs: UInt64, jitterNs: UInt64,
        delayOverrideNs: UInt64 = 0, tunnelId: UInt16 = 0, tunnelNet: IPv4Prefix = .unset,
        status: LinkStatus = .pending, rejectReason: String? = nil, contributor: PublicKey,
        sideAIfaceName: String, sideZIfaceName: String
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.index = index
        self.code = code
        self.sideA = sideA
        self.sideZ = sideZ
        self.linkType = linkType
        self.bandwidth = bandwidth
        self.mtu = mtu
        self.delayNs = delayNs
        self.jitterNs = jitterNs
        self.delayOverrideNs = delayOverrideNs
        self.tunnelId = tunnelId
        self.tunnelNet = tunnelNet
        self.status = status
        self.rejectReason = rejectReason
        self.contributor = contributor
        self.sideAIfaceName = sideAIfaceName
        self.sideZIfaceName = sideZIfaceName
    }

    /// Checks a link tunnel net: an aligned /31 inside an RFC 1918 range.
    ///
    /// - Throws: ``ProgramError`` with `InvalidTunnelNet`.
    public static func validateTunnelNet(_ net: IPv4Prefix) throws(ProgramError) {
        guard net.length == 31, net.isAligned else {
            throw ProgramError(.invalidTunnelNet, "link tunnel_net \(net) must be an aligned /31", field: "tunnel_net")
        }
        guard net.address.isPrivate else {
            throw ProgramError(
                .invalidTunnelNet, "link tunnel_net \(net) must be inside an RFC 1918 private range",
                field: "tunnel_net")
        }
    }

    /// Whether the link has its /31 and id (activated, drained, or being deleted after activation).
    public var isAllocated: Bool { tunnelId != 0 && !tunnelNet.isUnset }

    /// Checks every field; an activated or drained link must carry its /31 and id.
    public func validate() throws(ProgramError) {
        try AccountCode.validate(code)
        guard code == code.lowercased() else {
            throw ProgramError(.invalidAccountCode, "link code '\(code)' must be lower-case", field: "code")
        }
        guard !sideA.isZero, !sideZ.isZero, sideA != sideZ else {
            throw ProgramError(
                .invalidDevicePubkey, "link \(code) needs two different devices (side A \(sideA), side Z \(sideZ))",
                field: "side_z_pk")
        }
        guard Self.bandwidthRange.contains(bandwidth) else {
            throw ProgramError(
                .invalidBandwidth, "link bandwidth \(bandwidth) bps is outside 10 to 400 Gbps", field: "bandwidth")
        }
        guard mtu == Self.mtu else {
            throw ProgramError(.invalidMtu, "link MTU must be \(Self.mtu), not \(mtu)", field: "mtu")
        }
        guard Self.delayRange.contains(delayNs) else {
            throw ProgramError(.invalidDelay, "delay_ns \(delayNs) is outside 10 µs to 1 s", field: "delay_ns")
        }
        guard Self.delayRange.contains(jitterNs) else {
            throw ProgramError(.invalidJitter, "jitter_ns \(jitterNs) is outside 10 µs to 1 s", field: "jitter_ns")
        }
        guard delayOverrideNs == 0 || Self.delayRange.contains(delayOverrideNs) else {
            throw ProgramError(
                .invalidDelay, "delay_override_ns \(delayOverrideNs) is neither 0 nor within 10 µs to 1 s",
                field: "delay_override_ns")
        }
        guard tunnelId <= Self.maxTunnelId else {
            throw ProgramError(
                .invalidTunnelId, "link tunnel_id \(tunnelId) is above \(Self.maxTunnelId)", field: "tunnel_id")
        }
        if !tunnelNet.isUnset {
            try Self.validateTunnelNet(tunnelNet)
        }
        switch status {
        case .activated, .softDrained, .hardDrained:
            guard isAllocated else {
                throw ProgramError(
                    .invalidStatus, "link \(code) is \(status.rawValue) but has no tunnel_net/tunnel_id",
                    field: "status")
            }
        case .pending, .requested, .deleting, .rejected:
            break
        }
        _ = try InterfaceName.normalize(sideAIfaceName, field: "side_a_iface_name")
        if !sideZIfaceName.isEmpty {
            _ = try InterfaceName.normalize(sideZIfaceName, field: "side_z_iface_name")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner, index, code
        case sideA = "side_a_pk"
        case sideZ = "side_z_pk"
        case linkType = "link_type"
        case bandwidth, mtu
        case delayNs = "delay_ns"
        case jitterNs = "jitter_ns"
        case delayOverrideNs = "delay_override_ns"
        case tunnelId = "tunnel_id"
        case tunnelNet = "tunnel_net"
        case status
        case rejectReason = "reject_reason"
        case contributor = "contributor_pk"
        case sideAIfaceName = "side_a_iface_name"
        case sideZIfaceName = "side_z_iface_name"
    }
}
