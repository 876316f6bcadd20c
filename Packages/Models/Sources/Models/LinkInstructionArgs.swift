/// Creates a link: WAN links start pending, DZX links requested (side Z must accept).
public struct CreateLinkArgs: Hashable, Sendable, Codable {
    /// Code; stored lower-case.
    public var code: String
    /// Side-A device.
    public var sideA: PublicKey
    /// Side-Z device.
    public var sideZ: PublicKey
    /// WAN or DZX.
    public var linkType: LinkType
    /// Bandwidth in bps.
    public var bandwidth: UInt64
    /// MTU (9000).
    public var mtu: UInt32
    /// Delay in ns.
    public var delayNs: UInt64
    /// Jitter in ns.
    public var jitterNs: UInt64
    /// Side-A interface.
    public var sideAIfaceName: String
    /// Side-Z interface (WAN only).
    public var sideZIfaceName: String?

    /// Creates the arguments.
    public init(
        code: String, sideA: PublicKey, sideZ: PublicKey, linkType: LinkType = .wan, bandwidth: UInt64,
        mtu: UInt32 = Link.mtu, delayNs: UInt64, jitterNs: UInt64, sideAIfaceName: String, sideZIfaceName: String? = nil
    ) {
        self.code = code
        self.sideA = sideA
        self.sideZ = sideZ
        self.linkType = linkType
        self.bandwidth = bandwidth
        self.mtu = mtu
        self.delayNs = delayNs
        self.jitterNs = jitterNs
        self.sideAIfaceName = sideAIfaceName
        self.sideZIfaceName = sideZIfaceName
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case sideA = "side_a_pk"
        case sideZ = "side_z_pk"
        case linkType = "link_type"
        case bandwidth
        case mtu
        case delayNs = "delay_ns"
        case jitterNs = "jitter_ns"
        case sideAIfaceName = "side_a_iface_name"
        case sideZIfaceName = "side_z_iface_name"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        sideA = try container.decode(PublicKey.self, forKey: .sideA)
        sideZ = try container.decode(PublicKey.self, forKey: .sideZ)
        linkType = try container.decodeIfPresent(LinkType.self, forKey: .linkType) ?? .wan
        bandwidth = try container.decode(UInt64.self, forKey: .bandwidth)
        mtu = try container.decodeIfPresent(UInt32.self, forKey: .mtu) ?? Link.mtu
        delayNs = try container.decode(UInt64.self, forKey: .delayNs)
        jitterNs = try container.decode(UInt64.self, forKey: .jitterNs)
        sideAIfaceName = try container.decode(String.self, forKey: .sideAIfaceName)
        sideZIfaceName = try container.decodeIfPresent(String.self, forKey: .sideZIfaceName)
    }
}

/// Side Z accepts a requested DZX link.
public struct AcceptLinkArgs: Hashable, Sendable, Codable {
    /// The link.
    public var pubkey: PublicKey
    /// Side-Z interface.
    public var sideZIfaceName: String

    /// Creates the arguments.
    public init(pubkey: PublicKey, sideZIfaceName: String) {
        self.pubkey = pubkey
        self.sideZIfaceName = sideZIfaceName
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case sideZIfaceName = "side_z_iface_name"
    }
}

/// Updates a link; absent fields stay as they are. Status may move between activated, soft_drained and hard_drained.
public struct UpdateLinkArgs: Hashable, Sendable, Codable {
    /// The link.
    public var pubkey: PublicKey
    /// New code.
    public var code: String?
    /// New bandwidth.
    public var bandwidth: UInt64?
    /// New delay.
    public var delayNs: UInt64?
    /// New jitter.
    public var jitterNs: UInt64?
    /// New delay override (0 = off).
    public var delayOverrideNs: UInt64?
    /// Drain state.
    public var status: LinkStatus?

    /// Creates the arguments.
    public init(
        pubkey: PublicKey, code: String? = nil, bandwidth: UInt64? = nil, delayNs: UInt64? = nil,
        jitterNs: UInt64? = nil, delayOverrideNs: UInt64? = nil, status: LinkStatus? = nil
    ) {
        self.pubkey = pubkey
        self.code = code
        self.bandwidth = bandwidth
        self.delayNs = delayNs
        self.jitterNs = jitterNs
        self.delayOverrideNs = delayOverrideNs
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case code
        case bandwidth
        case delayNs = "delay_ns"
        case jitterNs = "jitter_ns"
        case delayOverrideNs = "delay_override_ns"
        case status
    }
}

/// The activator's allocation for a pending link.
public struct ActivateLinkArgs: Hashable, Sendable, Codable {
    /// The link.
    public var pubkey: PublicKey
    /// Link id (1...1024).
    public var tunnelId: UInt16
    /// A /31 from the device tunnel block.
    public var tunnelNet: IPv4Prefix

    /// Creates the arguments.
    public init(pubkey: PublicKey, tunnelId: UInt16, tunnelNet: IPv4Prefix) {
        self.pubkey = pubkey
        self.tunnelId = tunnelId
        self.tunnelNet = tunnelNet
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case tunnelId = "tunnel_id"
        case tunnelNet = "tunnel_net"
    }
}
