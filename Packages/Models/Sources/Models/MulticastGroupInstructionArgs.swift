/// Creates a pending multicast group.
public struct CreateMulticastGroupArgs: Hashable, Sendable, Codable {
    /// Code.
    public var code: String
    /// Maximum bandwidth in bps.
    public var maxBandwidth: UInt64
    /// The group owner.
    public var owner: PublicKey

    /// Creates the arguments.
    public init(code: String, maxBandwidth: UInt64, owner: PublicKey) {
        self.code = code
        self.maxBandwidth = maxBandwidth
        self.owner = owner
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case maxBandwidth = "max_bandwidth"
        case owner
    }
}

/// Updates a group; absent fields stay as they are.
public struct UpdateMulticastGroupArgs: Hashable, Sendable, Codable {
    /// The group.
    public var pubkey: PublicKey
    /// New code.
    public var code: String?
    /// New bandwidth.
    public var maxBandwidth: UInt64?
    /// New owner.
    public var owner: PublicKey?

    /// Creates the arguments.
    public init(pubkey: PublicKey, code: String? = nil, maxBandwidth: UInt64? = nil, owner: PublicKey? = nil) {
        self.pubkey = pubkey
        self.code = code
        self.maxBandwidth = maxBandwidth
        self.owner = owner
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case code
        case maxBandwidth = "max_bandwidth"
        case owner
    }
}

/// The activator's allocation for a pending group.
public struct ActivateMulticastGroupArgs: Hashable, Sendable, Codable {
    /// The group.
    public var pubkey: PublicKey
    /// An address from the multicast group block.
    public var multicastIp: IPv4Address

    /// Creates the arguments.
    public init(pubkey: PublicKey, multicastIp: IPv4Address) {
        self.pubkey = pubkey
        self.multicastIp = multicastIp
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case multicastIp = "multicast_ip"
    }
}

/// Adds a client key to, or removes it from, a group allowlist.
public struct MulticastAllowlistArgs: Hashable, Sendable, Codable {
    /// The group.
    public var group: PublicKey
    /// The client key.
    public var userPayer: PublicKey

    /// Creates the arguments.
    public init(group: PublicKey, userPayer: PublicKey) {
        self.group = group
        self.userPayer = userPayer
    }

    private enum CodingKeys: String, CodingKey {
        case group = "group_pk"
        case userPayer = "user_payer"
    }
}
