/// An interface of a device: a loopback, or a physical interface bound to a link or used for
/// user access (CYOA/DIA).
public struct DeviceInterface: Hashable, Sendable, Codable {
    /// The MTU of link and ordinary interfaces.
    public static let standardMTU: UInt16 = 9000
    /// The MTU of user-access (CYOA) and direct-internet (DIA) interfaces.
    public static let accessMTU: UInt16 = 1500
    /// The highest VLAN id.
    public static let maxVlanId: UInt16 = 4094

    /// Normalised name, unique per device (case-insensitively), for example `Ethernet1/1`.
    public var name: String
    /// Status.
    public var status: InterfaceStatus
    /// Loopback or physical, derived from the name.
    public var interfaceType: InterfaceType
    /// Role of a loopback; `none` for physical interfaces.
    public var loopbackType: LoopbackType
    /// User-access type; physical interfaces only.
    public var cyoa: CYOAType
    /// Direct-internet-access marker.
    public var dia: DIAType
    /// Bandwidth in bits per second; CYOA and DIA interfaces need more than 0.
    public var bandwidth: UInt64
    /// Committed information rate in bits per second.
    public var cir: UInt64
    /// MTU: 9000, or 1500 for CYOA and DIA interfaces.
    public var mtu: UInt16
    /// Static or BGP.
    public var routingMode: RoutingMode
    /// VLAN id, 0...4094 (0 = untagged).
    public var vlanId: UInt16
    /// The interface address and subnet length, if it has one.
    public var ipNet: IPv4Prefix?
    /// Segment-routing node index (VPNv4 loopbacks), 0 = none.
    public var nodeSegmentIdx: UInt16
    /// Whether this interface's address may terminate user GRE tunnels (RFC 13).
    public var userTunnelEndpoint: Bool

    /// Creates an interface; the type is derived from the (already normalised) name.
    public init(
        name: String, status: InterfaceStatus, loopbackType: LoopbackType = .none, cyoa: CYOAType = .none,
        dia: DIAType = .none, bandwidth: UInt64 = 0, cir: UInt64 = 0, mtu: UInt16? = nil,
        routingMode: RoutingMode = .static, vlanId: UInt16 = 0, ipNet: IPv4Prefix? = nil,
        nodeSegmentIdx: UInt16 = 0, userTunnelEndpoint: Bool = false
    ) {
        self.name = name
        self.status = status
        self.interfaceType = InterfaceName.isLoopback(name) ? .loopback : .physical
        self.loopbackType = loopbackType
        self.cyoa = cyoa
        self.dia = dia
        self.bandwidth = bandwidth
        self.cir = cir
        self.mtu = mtu ?? ((cyoa != .none || dia != .none) ? Self.accessMTU : Self.standardMTU)
        self.routingMode = routingMode
        self.vlanId = vlanId
        self.ipNet = ipNet
        self.nodeSegmentIdx = nodeSegmentIdx
        self.userTunnelEndpoint = userTunnelEndpoint
    }

    /// Whether the interface is a user-access or direct-internet interface.
    public var isEdge: Bool { cyoa != .none || dia != .none }

    /// Checks the upstream interface rules.
    ///
    /// - Throws: ``ProgramError`` with `InvalidInterfaceName`, `InvalidInterfaceType`, `CyoaRequiresPhysical`,
    ///   `InvalidLoopbackType`, `InvalidInterfaceIp`, `InvalidMtu`, `InvalidBandwidth` or `InvalidVlanId`.
    public func validate() throws(ProgramError) {
        let normalized = try InterfaceName.normalize(name)
        guard normalized == name else {
            throw ProgramError(
                .invalidInterfaceName, "interface name '\(name)' is not normalised (expected '\(normalized)')",
                field: "name")
        }
        let expectedType: InterfaceType = InterfaceName.isLoopback(name) ? .loopback : .physical
        guard interfaceType == expectedType else {
            throw ProgramError(
                .invalidInterfaceType, "interface \(name) must be of type \(expectedType.rawValue)",
                field: "interface_type")
        }
        if interfaceType == .loopback && cyoa != .none {
            throw ProgramError(.cyoaRequiresPhysical, "loopback \(name) cannot be a CYOA interface", field: "cyoa")
        }
        if interfaceType == .physical && loopbackType != .none {
            throw ProgramError(
                .invalidLoopbackType, "physical interface \(name) cannot have loopback type \(loopbackType.rawValue)",
                field: "loopback_type")
        }
        if cyoa != .none && ipNet == nil {
            throw ProgramError(.invalidInterfaceIp, "CYOA interface \(name) needs an ip_net", field: "ip_net")
        }
        if let ipNet, !isEdge {
            let address = ipNet.address
            let allowedPublic = interfaceType == .loopback && userTunnelEndpoint
            guard address.isPrivate || address.isLinkLocal || (allowedPublic && address.isGlobal) else {
                throw ProgramError(
                    .invalidInterfaceIp,
                    "interface \(name) may only carry a private or link-local address (\(ipNet)); only a user-tunnel-endpoint loopback or a CYOA/DIA interface may carry a public one",
                    field: "ip_net")
            }
        }
        if userTunnelEndpoint, let ipNet, !ipNet.address.isGlobal {
            // A user tunnel endpoint is reached from the internet: its address must be global.
            throw ProgramError(
                .invalidInterfaceIp, "user-tunnel-endpoint \(name) needs a globally routable address, not \(ipNet)",
                field: "ip_net")
        }
        let expectedMTU = isEdge ? Self.accessMTU : Self.standardMTU
        guard mtu == expectedMTU else {
            throw ProgramError(.invalidMtu, "interface \(name) must have MTU \(expectedMTU), not \(mtu)", field: "mtu")
        }
        if isEdge && bandwidth == 0 {
            throw ProgramError(
                .invalidBandwidth, "CYOA/DIA interface \(name) needs a bandwidth above 0", field: "bandwidth")
        }
        guard vlanId <= Self.maxVlanId else {
            throw ProgramError(.invalidVlanId, "vlan_id \(vlanId) is above \(Self.maxVlanId)", field: "vlan_id")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name, status
        case interfaceType = "interface_type"
        case loopbackType = "loopback_type"
        case cyoa = "interface_cyoa"
        case dia = "interface_dia"
        case bandwidth, cir, mtu
        case routingMode = "routing_mode"
        case vlanId = "vlan_id"
        case ipNet = "ip_net"
        case nodeSegmentIdx = "node_segment_idx"
        case userTunnelEndpoint = "user_tunnel_endpoint"
    }
}
