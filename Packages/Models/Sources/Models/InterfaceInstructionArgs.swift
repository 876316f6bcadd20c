/// Arguments naming one interface of a device.
public struct InterfaceArgs: Hashable, Sendable, Codable {
    /// The device.
    public var device: PublicKey
    /// The interface name.
    public var name: String

    /// Creates the arguments.
    public init(device: PublicKey, name: String) {
        self.device = device
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case device = "device_pk"
        case name
    }
}

/// Adds an interface: loopbacks start pending (the activator allocates), physical ones unlinked.
public struct CreateDeviceInterfaceArgs: Hashable, Sendable, Codable {
    /// The device.
    public var device: PublicKey
    /// Interface name (normalised).
    public var name: String
    /// Loopback role.
    public var loopbackType: LoopbackType
    /// User-access type.
    public var cyoa: CYOAType
    /// Direct internet access.
    public var dia: DIAType
    /// Bandwidth in bps.
    public var bandwidth: UInt64
    /// Committed rate in bps.
    public var cir: UInt64
    /// MTU (default 9000, or 1500 for CYOA/DIA).
    public var mtu: UInt16?
    /// Static or BGP.
    public var routingMode: RoutingMode
    /// VLAN id.
    public var vlanId: UInt16
    /// Address, only for CYOA, DIA or user-tunnel-endpoint interfaces.
    public var ipNet: IPv4Prefix?
    /// May terminate user tunnels (RFC 13).
    public var userTunnelEndpoint: Bool

    /// Creates the arguments.
    public init(
        device: PublicKey, name: String, loopbackType: LoopbackType = .none, cyoa: CYOAType = .none,
        dia: DIAType = .none, bandwidth: UInt64 = 0, cir: UInt64 = 0, mtu: UInt16? = nil,
        routingMode: RoutingMode = .static, vlanId: UInt16 = 0, ipNet: IPv4Prefix? = nil,
        userTunnelEndpoint: Bool = false
    ) {
        self.device = device
        self.name = name
        self.loopbackType = loopbackType
        self.cyoa = cyoa
        self.dia = dia
        self.bandwidth = bandwidth
        self.cir = cir
        self.mtu = mtu
        self.routingMode = routingMode
        self.vlanId = vlanId
        self.ipNet = ipNet
        self.userTunnelEndpoint = userTunnelEndpoint
    }

    private enum CodingKeys: String, CodingKey {
        case device = "device_pk"
        case name
        case loopbackType = "loopback_type"
        case cyoa = "interface_cyoa"
        case dia = "interface_dia"
        case bandwidth
        case cir
        case mtu
        case routingMode = "routing_mode"
        case vlanId = "vlan_id"
        case ipNet = "ip_net"
        case userTunnelEndpoint = "user_tunnel_endpoint"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        device = try container.decode(PublicKey.self, forKey: .device)
        name = try container.decode(String.self, forKey: .name)
        loopbackType = try container.decodeIfPresent(LoopbackType.self, forKey: .loopbackType) ?? .none
        cyoa = try container.decodeIfPresent(CYOAType.self, forKey: .cyoa) ?? .none
        dia = try container.decodeIfPresent(DIAType.self, forKey: .dia) ?? .none
        bandwidth = try container.decodeIfPresent(UInt64.self, forKey: .bandwidth) ?? 0
        cir = try container.decodeIfPresent(UInt64.self, forKey: .cir) ?? 0
        mtu = try container.decodeIfPresent(UInt16.self, forKey: .mtu)
        routingMode = try container.decodeIfPresent(RoutingMode.self, forKey: .routingMode) ?? .static
        vlanId = try container.decodeIfPresent(UInt16.self, forKey: .vlanId) ?? 0
        ipNet = try container.decodeIfPresent(IPv4Prefix.self, forKey: .ipNet)
        userTunnelEndpoint = try container.decodeIfPresent(Bool.self, forKey: .userTunnelEndpoint) ?? false
    }
}

/// Updates an interface; absent fields stay as they are.
public struct UpdateDeviceInterfaceArgs: Hashable, Sendable, Codable {
    /// The device.
    public var device: PublicKey
    /// The interface name.
    public var name: String
    /// New loopback role.
    public var loopbackType: LoopbackType?
    /// New user-access type.
    public var cyoa: CYOAType?
    /// New DIA marker.
    public var dia: DIAType?
    /// New bandwidth.
    public var bandwidth: UInt64?
    /// New committed rate.
    public var cir: UInt64?
    /// New MTU.
    public var mtu: UInt16?
    /// New routing mode.
    public var routingMode: RoutingMode?
    /// New VLAN id.
    public var vlanId: UInt16?
    /// New address.
    public var ipNet: IPv4Prefix?
    /// New user-tunnel-endpoint flag.
    public var userTunnelEndpoint: Bool?

    /// Creates the arguments.
    public init(
        device: PublicKey, name: String, loopbackType: LoopbackType? = nil, cyoa: CYOAType? = nil, dia: DIAType? = nil,
        bandwidth: UInt64? = nil, cir: UInt64? = nil, mtu: UInt16? = nil, routingMode: RoutingMode? = nil,
        vlanId: UInt16? = nil, ipNet: IPv4Prefix? = nil, userTunnelEndpoint: Bool? = nil
    ) {
        self.device = device
        self.name = name
        self.loopbackType = loopbackType
        self.cyoa = cyoa
        self.dia = dia
        self.bandwidth = bandwidth
        self.cir = cir
        self.mtu = mtu
        self.routingMode = routingMode
        self.vlanId = vlanId
        self.ipNet = ipNet
        self.userTunnelEndpoint = userTunnelEndpoint
    }

    private enum CodingKeys: String, CodingKey {
        case device = "device_pk"
        case name
        case loopbackType = "loopback_type"
        case cyoa = "interface_cyoa"
        case dia = "interface_dia"
        case bandwidth
        case cir
        case mtu
        case routingMode = "routing_mode"
        case vlanId = "vlan_id"
        case ipNet = "ip_net"
        case userTunnelEndpoint = "user_tunnel_endpoint"
    }
}

/// The activator's allocation for a pending loopback.
public struct ActivateDeviceInterfaceArgs: Hashable, Sendable, Codable {
    /// The device.
    public var device: PublicKey
    /// The loopback.
    public var name: String
    /// A /32 from the device tunnel block (or the address it already has).
    public var ipNet: IPv4Prefix
    /// Segment-routing id for VPNv4 loopbacks, else 0.
    public var nodeSegmentIdx: UInt16

    /// Creates the arguments.
    public init(device: PublicKey, name: String, ipNet: IPv4Prefix, nodeSegmentIdx: UInt16 = 0) {
        self.device = device
        self.name = name
        self.ipNet = ipNet
        self.nodeSegmentIdx = nodeSegmentIdx
    }

    private enum CodingKeys: String, CodingKey {
        case device = "device_pk"
        case name
        case ipNet = "ip_net"
        case nodeSegmentIdx = "node_segment_idx"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        device = try container.decode(PublicKey.self, forKey: .device)
        name = try container.decode(String.self, forKey: .name)
        ipNet = try container.decode(IPv4Prefix.self, forKey: .ipNet)
        nodeSegmentIdx = try container.decodeIfPresent(UInt16.self, forKey: .nodeSegmentIdx) ?? 0
    }
}

/// The activator's refusal of a pending loopback.
public struct RejectDeviceInterfaceArgs: Hashable, Sendable, Codable {
    /// The device.
    public var device: PublicKey
    /// The loopback.
    public var name: String
    /// Why.
    public var reason: String

    /// Creates the arguments.
    public init(device: PublicKey, name: String, reason: String) {
        self.device = device
        self.name = name
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case device = "device_pk"
        case name
        case reason
    }
}
