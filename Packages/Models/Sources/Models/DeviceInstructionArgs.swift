/// Creates a pending device (the activator activates it).
public struct CreateDeviceArgs: Hashable, Sendable, Codable {
    /// Code; stored lower-case.
    public var code: String
    /// Owning contributor.
    public var contributor: PublicKey
    /// Location.
    public var location: PublicKey
    /// Exchange.
    public var exchange: PublicKey
    /// Hybrid, transit or edge.
    public var deviceType: DeviceType
    /// Public address.
    public var publicIp: IPv4Address
    /// DZ prefixes.
    public var dzPrefixes: [IPv4Prefix]
    /// Telemetry signer; nil for none.
    public var metricsPublisher: PublicKey?
    /// Management VRF ("" = default).
    public var mgmtVrf: String
    /// Unicast user limit (RFC 13).
    public var maxUnicastUsers: UInt16
    /// Multicast user limit (RFC 13).
    public var maxMulticastUsers: UInt16

    /// Creates the arguments.
    public init(
        code: String, contributor: PublicKey, location: PublicKey, exchange: PublicKey,
        deviceType: DeviceType = .hybrid, publicIp: IPv4Address, dzPrefixes: [IPv4Prefix],
        metricsPublisher: PublicKey? = nil, mgmtVrf: String = "",
        maxUnicastUsers: UInt16 = Device.defaultMaxUsersPerType,
        maxMulticastUsers: UInt16 = Device.defaultMaxUsersPerType
    ) {
        self.code = code
        self.contributor = contributor
        self.location = location
        self.exchange = exchange
        self.deviceType = deviceType
        self.publicIp = publicIp
        self.dzPrefixes = dzPrefixes
        self.metricsPublisher = metricsPublisher
        self.mgmtVrf = mgmtVrf
        self.maxUnicastUsers = maxUnicastUsers
        self.maxMulticastUsers = maxMulticastUsers
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case contributor = "contributor_pk"
        case location = "location_pk"
        case exchange = "exchange_pk"
        case deviceType = "device_type"
        case publicIp = "public_ip"
        case dzPrefixes = "dz_prefixes"
        case metricsPublisher = "metrics_publisher_pk"
        case mgmtVrf = "mgmt_vrf"
        case maxUnicastUsers = "max_unicast_users"
        case maxMulticastUsers = "max_multicast_users"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        contributor = try container.decode(PublicKey.self, forKey: .contributor)
        location = try container.decode(PublicKey.self, forKey: .location)
        exchange = try container.decode(PublicKey.self, forKey: .exchange)
        deviceType = try container.decodeIfPresent(DeviceType.self, forKey: .deviceType) ?? .hybrid
        publicIp = try container.decode(IPv4Address.self, forKey: .publicIp)
        dzPrefixes = try container.decode([IPv4Prefix].self, forKey: .dzPrefixes)
        metricsPublisher = try container.decodeIfPresent(PublicKey.self, forKey: .metricsPublisher)
        mgmtVrf = try container.decodeIfPresent(String.self, forKey: .mgmtVrf) ?? ""
        maxUnicastUsers =
            try container.decodeIfPresent(UInt16.self, forKey: .maxUnicastUsers) ?? Device.defaultMaxUsersPerType
        maxMulticastUsers =
            try container.decodeIfPresent(UInt16.self, forKey: .maxMulticastUsers) ?? Device.defaultMaxUsersPerType
    }
}

/// Updates a device; absent fields stay as they are. Owners may set status only between activated and drained.
public struct UpdateDeviceArgs: Hashable, Sendable, Codable {
    /// The device.
    public var pubkey: PublicKey
    /// New code.
    public var code: String?
    /// New type.
    public var deviceType: DeviceType?
    /// New public address.
    public var publicIp: IPv4Address?
    /// New DZ prefixes (only while no user holds an allocated DZ IP).
    public var dzPrefixes: [IPv4Prefix]?
    /// New telemetry signer; the all-zero key removes it (the device then has none).
    public var metricsPublisher: PublicKey?
    /// New management VRF.
    public var mgmtVrf: String?
    /// Move to this location.
    public var location: PublicKey?
    /// Move to this exchange.
    public var exchange: PublicKey?
    /// New unicast limit.
    public var maxUnicastUsers: UInt16?
    /// New multicast limit.
    public var maxMulticastUsers: UInt16?
    /// Drain (drained) or undrain (activated).
    public var status: DeviceStatus?

    /// Creates the arguments.
    public init(
        pubkey: PublicKey, code: String? = nil, deviceType: DeviceType? = nil, publicIp: IPv4Address? = nil,
        dzPrefixes: [IPv4Prefix]? = nil, metricsPublisher: PublicKey? = nil, mgmtVrf: String? = nil,
        location: PublicKey? = nil, exchange: PublicKey? = nil, maxUnicastUsers: UInt16? = nil,
        maxMulticastUsers: UInt16? = nil, status: DeviceStatus? = nil
    ) {
        self.pubkey = pubkey
        self.code = code
        self.deviceType = deviceType
        self.publicIp = publicIp
        self.dzPrefixes = dzPrefixes
        self.metricsPublisher = metricsPublisher
        self.mgmtVrf = mgmtVrf
        self.location = location
        self.exchange = exchange
        self.maxUnicastUsers = maxUnicastUsers
        self.maxMulticastUsers = maxMulticastUsers
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case code
        case deviceType = "device_type"
        case publicIp = "public_ip"
        case dzPrefixes = "dz_prefixes"
        case metricsPublisher = "metrics_publisher_pk"
        case mgmtVrf = "mgmt_vrf"
        case location = "location_pk"
        case exchange = "exchange_pk"
        case maxUnicastUsers = "max_unicast_users"
        case maxMulticastUsers = "max_multicast_users"
        case status
    }
}
