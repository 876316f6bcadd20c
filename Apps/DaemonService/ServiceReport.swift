import Models

/// A provisioned service as the backend reports it: one element of `GET /v2/status`'s `services`
/// (upstream's StatusResponse plus the ledger and latency enrichment).
///
/// The enrichment is best-effort: strings the backend could not learn are `""`. In JSON,
/// unset addresses are `""` and `current_device_rtt_nanoseconds` / `current_device_loss_percentage`
/// are left out when 0, as upstream.
public struct ServiceReport: Codable, Sendable, Hashable {
    /// What the user is (decides the tunnel name).
    public var userType: UserType
    /// The host's underlay address.
    public var tunnelSource: IPv4Address?
    /// The device endpoint.
    public var tunnelDestination: IPv4Address?
    /// The DoubleZero IP (nil for a multicast subscriber only).
    public var doubleZeroIP: IPv4Address?
    /// The BGP session.
    public var session: SessionStatus
    /// The code of the device the tunnel goes to.
    public var currentDevice: String
    /// The latest RTT to that device in nanoseconds (0 when unknown).
    public var currentDeviceRTTNanoseconds: UInt64
    /// The latest loss to that device in percent (0 when unknown).
    public var currentDeviceLossPercentage: Double
    /// The code of the device with the lowest latency (with 5 ms hysteresis toward the current one).
    public var lowestLatencyDevice: String
    /// The name of the current device's exchange.
    public var metro: String
    /// The user's tenant code, or `""`.
    public var tenant: String
    /// The codes of the groups published and subscribed to.
    public var multicastGroups: MulticastGroupRoles
    /// The groups with their details, publishers first.
    public var subscriptions: [MulticastSubscription]

    enum CodingKeys: String, CodingKey {
        case tunnelName = "tunnel_name"
        case tunnelSource = "tunnel_src"
        case tunnelDestination = "tunnel_dst"
        case doubleZeroIP = "doublezero_ip"
        case session = "doublezero_status"
        case userType = "user_type"
        case currentDevice = "current_device"
        case currentDeviceRTTNanoseconds = "current_device_rtt_nanoseconds"
        case currentDeviceLossPercentage = "current_device_loss_percentage"
        case lowestLatencyDevice = "lowest_latency_device"
        case metro, tenant
        case multicastGroups = "multicast_groups"
        case subscriptions
    }

    /// A report with the given fields; the enrichment defaults to unknown.
    public init(
        userType: UserType, tunnelSource: IPv4Address?, tunnelDestination: IPv4Address?, doubleZeroIP: IPv4Address?,
        session: SessionStatus, currentDevice: String = "", currentDeviceRTTNanoseconds: UInt64 = 0,
        currentDeviceLossPercentage: Double = 0, lowestLatencyDevice: String = "", metro: String = "",
        tenant: String = "", multicastGroups: MulticastGroupRoles = .none, subscriptions: [MulticastSubscription] = []
    ) {
        self.userType = userType
        self.tunnelSource = tunnelSource
        self.tunnelDestination = tunnelDestination
        self.doubleZeroIP = doubleZeroIP
        self.session = session
        self.currentDevice = currentDevice
        self.currentDeviceRTTNanoseconds = currentDeviceRTTNanoseconds
        self.currentDeviceLossPercentage = currentDeviceLossPercentage
        self.lowestLatencyDevice = lowestLatencyDevice
        self.metro = metro
        self.tenant = tenant
        self.multicastGroups = multicastGroups
        self.subscriptions = subscriptions
    }

    /// Unicast or multicast.
    public var serviceClass: ServiceClass { ServiceClass(userType) }

    /// `doublezero0` or `doublezero1`.
    public var tunnelName: String { serviceClass.tunnelName }

    /// Decodes the wire form (`tunnel_name` is implied by `user_type` and not read).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decode(String.self, forKey: .userType)
        guard let type = UserType(apiName: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .userType, in: container, debugDescription: "'\(typeName)' is not a user type")
        }
        userType = type
        tunnelSource = try Self.decodeAddress(container, .tunnelSource)
        tunnelDestination = try Self.decodeAddress(container, .tunnelDestination)
        doubleZeroIP = try Self.decodeAddress(container, .doubleZeroIP)
        session = try container.decode(SessionStatus.self, forKey: .session)
        currentDevice = try container.decodeIfPresent(String.self, forKey: .currentDevice) ?? ""
        currentDeviceRTTNanoseconds =
            try container.decodeIfPresent(UInt64.self, forKey: .currentDeviceRTTNanoseconds) ?? 0
        currentDeviceLossPercentage =
            try container.decodeIfPresent(Double.self, forKey: .currentDeviceLossPercentage) ?? 0
        lowestLatencyDevice = try container.decodeIfPresent(String.self, forKey: .lowestLatencyDevice) ?? ""
        metro = try container.decodeIfPresent(String.self, forKey: .metro) ?? ""
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant) ?? ""
        multicastGroups = try container.decodeIfPresent(MulticastGroupRoles.self, forKey: .multicastGroups) ?? .none
        subscriptions = try container.decodeIfPresent([MulticastSubscription].self, forKey: .subscriptions) ?? []
    }

    /// Encodes the wire form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tunnelName, forKey: .tunnelName)
        try container.encode(tunnelSource?.description ?? "", forKey: .tunnelSource)
        try container.encode(tunnelDestination?.description ?? "", forKey: .tunnelDestination)
        try container.encode(doubleZeroIP?.description ?? "", forKey: .doubleZeroIP)
        try container.encode(session, forKey: .session)
        try container.encode(userType.apiName, forKey: .userType)
        try container.encode(currentDevice, forKey: .currentDevice)
        if currentDeviceRTTNanoseconds != 0 {
            try container.encode(currentDeviceRTTNanoseconds, forKey: .currentDeviceRTTNanoseconds)
        }
        if currentDeviceLossPercentage != 0 {
            try container.encode(currentDeviceLossPercentage, forKey: .currentDeviceLossPercentage)
        }
        try container.encode(lowestLatencyDevice, forKey: .lowestLatencyDevice)
        try container.encode(metro, forKey: .metro)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(multicastGroups, forKey: .multicastGroups)
        try container.encode(subscriptions, forKey: .subscriptions)
    }

    /// An address field: absent or `""` is nil.
    private static func decodeAddress(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
    ) throws -> IPv4Address? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key), !text.isEmpty else { return nil }
        guard let address = IPv4Address(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "'\(text)' is not an IPv4 address")
        }
        return address
    }
}
