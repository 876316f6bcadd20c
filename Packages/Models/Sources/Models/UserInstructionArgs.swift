/// Creates a pending user for the signer (who must hold an access pass).
public struct CreateUserArgs: Hashable, Sendable, Codable {
    /// Service type.
    public var userType: UserType
    /// Device to connect to.
    public var device: PublicKey
    /// How the client reaches the device.
    public var cyoaType: CYOAType
    /// Client public IP.
    public var clientIp: IPv4Address
    /// Device-side endpoint chosen by the client (0.0.0.0 = public IP).
    public var tunnelEndpoint: IPv4Address

    /// Creates the arguments.
    public init(
        userType: UserType, device: PublicKey, cyoaType: CYOAType = .greOverDIA, clientIp: IPv4Address,
        tunnelEndpoint: IPv4Address = .unspecified
    ) {
        self.userType = userType
        self.device = device
        self.cyoaType = cyoaType
        self.clientIp = clientIp
        self.tunnelEndpoint = tunnelEndpoint
    }

    private enum CodingKeys: String, CodingKey {
        case userType = "user_type"
        case device = "device_pk"
        case cyoaType = "cyoa_type"
        case clientIp = "client_ip"
        case tunnelEndpoint = "tunnel_endpoint"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userType = try container.decode(UserType.self, forKey: .userType)
        device = try container.decode(PublicKey.self, forKey: .device)
        cyoaType = try container.decodeIfPresent(CYOAType.self, forKey: .cyoaType) ?? .greOverDIA
        clientIp = try container.decode(IPv4Address.self, forKey: .clientIp)
        tunnelEndpoint = try container.decodeIfPresent(IPv4Address.self, forKey: .tunnelEndpoint) ?? .unspecified
    }
}

/// Creates a pending multicast user with roles in one group.
public struct CreateSubscribeUserArgs: Hashable, Sendable, Codable {
    /// Device to connect to.
    public var device: PublicKey
    /// How the client reaches the device.
    public var cyoaType: CYOAType
    /// Client public IP.
    public var clientIp: IPv4Address
    /// Device-side endpoint (0.0.0.0 = public IP).
    public var tunnelEndpoint: IPv4Address
    /// The multicast group.
    public var group: PublicKey
    /// Publish to the group.
    public var publisher: Bool
    /// Subscribe to the group.
    public var subscriber: Bool

    /// Creates the arguments.
    public init(
        device: PublicKey, cyoaType: CYOAType = .greOverDIA, clientIp: IPv4Address,
        tunnelEndpoint: IPv4Address = .unspecified, group: PublicKey, publisher: Bool, subscriber: Bool
    ) {
        self.device = device
        self.cyoaType = cyoaType
        self.clientIp = clientIp
        self.tunnelEndpoint = tunnelEndpoint
        self.group = group
        self.publisher = publisher
        self.subscriber = subscriber
    }

    private enum CodingKeys: String, CodingKey {
        case device = "device_pk"
        case cyoaType = "cyoa_type"
        case clientIp = "client_ip"
        case tunnelEndpoint = "tunnel_endpoint"
        case group = "group_pk"
        case publisher
        case subscriber
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        device = try container.decode(PublicKey.self, forKey: .device)
        cyoaType = try container.decodeIfPresent(CYOAType.self, forKey: .cyoaType) ?? .greOverDIA
        clientIp = try container.decode(IPv4Address.self, forKey: .clientIp)
        tunnelEndpoint = try container.decodeIfPresent(IPv4Address.self, forKey: .tunnelEndpoint) ?? .unspecified
        group = try container.decode(PublicKey.self, forKey: .group)
        publisher = try container.decode(Bool.self, forKey: .publisher)
        subscriber = try container.decode(Bool.self, forKey: .subscriber)
    }
}

/// Sets a multicast user's roles in a group (desired states, not toggles).
public struct UpdateMulticastRolesArgs: Hashable, Sendable, Codable {
    /// The user.
    public var user: PublicKey
    /// The group.
    public var group: PublicKey
    /// Whether it publishes.
    public var publisher: Bool
    /// Whether it subscribes.
    public var subscriber: Bool

    /// Creates the arguments.
    public init(user: PublicKey, group: PublicKey, publisher: Bool, subscriber: Bool) {
        self.user = user
        self.group = group
        self.publisher = publisher
        self.subscriber = subscriber
    }

    private enum CodingKeys: String, CodingKey {
        case user = "user_pk"
        case group = "group_pk"
        case publisher
        case subscriber
    }
}

/// The activator's allocation for a pending user.
public struct ActivateUserArgs: Hashable, Sendable, Codable {
    /// The user.
    public var pubkey: PublicKey
    /// Per-device tunnel id (500...4595).
    public var tunnelId: UInt16
    /// A /31 from the user tunnel block.
    public var tunnelNet: IPv4Prefix
    /// The DZ IP (client IP, or allocated).
    public var dzIp: IPv4Address
    /// The device-side endpoint (0.0.0.0 = public IP).
    public var tunnelEndpoint: IPv4Address

    /// Creates the arguments.
    public init(
        pubkey: PublicKey, tunnelId: UInt16, tunnelNet: IPv4Prefix, dzIp: IPv4Address,
        tunnelEndpoint: IPv4Address = .unspecified
    ) {
        self.pubkey = pubkey
        self.tunnelId = tunnelId
        self.tunnelNet = tunnelNet
        self.dzIp = dzIp
        self.tunnelEndpoint = tunnelEndpoint
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case tunnelId = "tunnel_id"
        case tunnelNet = "tunnel_net"
        case dzIp = "dz_ip"
        case tunnelEndpoint = "tunnel_endpoint"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pubkey = try container.decode(PublicKey.self, forKey: .pubkey)
        tunnelId = try container.decode(UInt16.self, forKey: .tunnelId)
        tunnelNet = try container.decode(IPv4Prefix.self, forKey: .tunnelNet)
        dzIp = try container.decode(IPv4Address.self, forKey: .dzIp)
        tunnelEndpoint = try container.decodeIfPresent(IPv4Address.self, forKey: .tunnelEndpoint) ?? .unspecified
    }
}
