/// Arguments naming one entity, or one key to add to or remove from a list.
public struct PubkeyArgs: Hashable, Sendable, Codable {
    /// The entity or key.
    public var pubkey: PublicKey

    /// Creates the arguments.
    public init(pubkey: PublicKey) {
        self.pubkey = pubkey
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
    }
}

/// Arguments of the activator's Reject instructions, and of side Z's `decline_link`.
public struct RejectArgs: Hashable, Sendable, Codable {
    /// The pending entity (or the requested link).
    public var pubkey: PublicKey
    /// Why it was refused, for example "pool exhausted".
    public var reason: String

    /// Creates the arguments.
    public init(pubkey: PublicKey, reason: String) {
        self.pubkey = pubkey
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case reason
    }
}

/// Replaces service authorities; absent fields stay as they are.
public struct SetAuthorityArgs: Hashable, Sendable, Codable {
    /// New activator key.
    public var activatorAuthority: PublicKey?
    /// New sentinel key.
    public var sentinelAuthority: PublicKey?

    /// Creates the arguments.
    public init(activatorAuthority: PublicKey? = nil, sentinelAuthority: PublicKey? = nil) {
        self.activatorAuthority = activatorAuthority
        self.sentinelAuthority = sentinelAuthority
    }

    private enum CodingKeys: String, CodingKey {
        case activatorAuthority = "activator_authority"
        case sentinelAuthority = "sentinel_authority"
    }
}

/// Sets the global configuration. The three blocks are immutable once set; publisher blocks may only grow.
public struct SetGlobalConfigArgs: Hashable, Sendable, Codable {
    /// Client-side ASN.
    public var localAsn: UInt32
    /// Device-side ASN.
    public var remoteAsn: UInt32
    /// Pool for link /31s and loopbacks (RFC 1918).
    public var deviceTunnelBlock: IPv4Prefix
    /// Pool for user /31s (link-local).
    public var userTunnelBlock: IPv4Prefix
    /// Pool for multicast group addresses.
    public var multicastGroupBlock: IPv4Prefix
    /// Publisher DZ IP pools; default [147.51.126.0/23] on first set.
    public var multicastPublisherBlocks: [IPv4Prefix]?
    /// Next exchange community; kept when absent (10000 on first set).
    public var nextBgpCommunity: UInt16?
    /// The most interfaces one device may have (at least 1); kept when absent (on first set,
    /// absent means the default, 128).
    public var maxInterfacesPerDevice: UInt16?

    /// Creates the arguments.
    public init(
        localAsn: UInt32, remoteAsn: UInt32, deviceTunnelBlock: IPv4Prefix, userTunnelBlock: IPv4Prefix,
        multicastGroupBlock: IPv4Prefix, multicastPublisherBlocks: [IPv4Prefix]? = nil, nextBgpCommunity: UInt16? = nil,
        maxInterfacesPerDevice: UInt16? = nil
    ) {
        self.localAsn = localAsn
        self.remoteAsn = remoteAsn
        self.deviceTunnelBlock = deviceTunnelBlock
        self.userTunnelBlock = userTunnelBlock
        self.multicastGroupBlock = multicastGroupBlock
        self.multicastPublisherBlocks = multicastPublisherBlocks
        self.nextBgpCommunity = nextBgpCommunity
        self.maxInterfacesPerDevice = maxInterfacesPerDevice
    }

    private enum CodingKeys: String, CodingKey {
        case localAsn = "local_asn"
        case remoteAsn = "remote_asn"
        case deviceTunnelBlock = "device_tunnel_block"
        case userTunnelBlock = "user_tunnel_block"
        case multicastGroupBlock = "multicastgroup_block"
        case multicastPublisherBlocks = "multicast_publisher_blocks"
        case nextBgpCommunity = "next_bgp_community"
        case maxInterfacesPerDevice = "max_interfaces_per_device"
    }
}

/// Arguments carrying one prefix.
public struct PrefixArgs: Hashable, Sendable, Codable {
    /// The prefix.
    public var prefix: IPv4Prefix

    /// Creates the arguments.
    public init(prefix: IPv4Prefix) {
        self.prefix = prefix
    }

    private enum CodingKeys: String, CodingKey {
        case prefix
    }
}

/// Moves the ledger epoch forward (access passes expire against it).
public struct SetEpochArgs: Hashable, Sendable, Codable {
    /// The new epoch; must not be lower than the current one.
    public var epoch: UInt64

    /// Creates the arguments.
    public init(epoch: UInt64) {
        self.epoch = epoch
    }

    private enum CodingKeys: String, CodingKey {
        case epoch
    }
}
