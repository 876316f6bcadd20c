import Models

/// One interface as the device config renders it: an onchain interface, or the parent
/// synthesised for sub-interfaces (`Ethernet1/1` for `Ethernet1/1.100`).
public struct DeviceConfigInterface: Hashable, Sendable {
    /// The IS-IS settings of an interface that carries an activated or drained link.
    public struct ISISLink: Hashable, Sendable {
        /// The metric in microseconds: the link delay (or its override), or 1000000 when soft-drained.
        public var metric: UInt32
        /// Hard-drained: `isis passive` (no adjacency), metric unchanged.
        public var isPassive: Bool

        /// Creates the link settings.
        public init(metric: UInt32, isPassive: Bool) {
            self.metric = metric
            self.isPassive = isPassive
        }
    }

    /// The interface name, for example `Ethernet1/1` or `Loopback255`.
    public var name: String
    /// `LoopbackN` rather than a physical (Ethernet, Switch, Port-channel, Vlan) interface.
    public var isLoopback: Bool
    /// The 802.1Q VLAN id; 0 = untagged.
    public var vlanId: UInt16
    /// The address and subnet length, if it has one.
    public var address: IPv4Prefix?
    /// The segment-routing node index (rendered on the VPNv4 loopback only); 0 = none.
    public var nodeSegmentIndex: UInt16
    /// The MTU of a physical interface: 9000, 1500 for CYOA/DIA, a parent's the largest of its
    /// children's. Loopbacks: 0 (not rendered).
    public var mtu: UInt16
    /// The name has a `.N` suffix.
    public var isSubInterface: Bool
    /// Synthesised as the parent of sub-interfaces (not onchain; no address).
    public var isSubInterfaceParent: Bool
    /// The loopback with loopback type `vpnv4`.
    public var isVPNv4Loopback: Bool
    /// A user-access (CYOA) or direct-internet (DIA) interface: no PIM, no IS-IS.
    public var isEdge: Bool
    /// The IS-IS link settings, when an activated, soft- or hard-drained link uses this interface.
    public var isisLink: ISISLink?

    /// Creates an interface.
    public init(
        name: String, isLoopback: Bool, vlanId: UInt16 = 0, address: IPv4Prefix? = nil, nodeSegmentIndex: UInt16 = 0,
        mtu: UInt16 = 0, isSubInterface: Bool = false, isSubInterfaceParent: Bool = false,
        isVPNv4Loopback: Bool = false, isEdge: Bool = false, isisLink: ISISLink? = nil
    ) {
        self.name = name
        self.isLoopback = isLoopback
        self.vlanId = vlanId
        self.address = address
        self.nodeSegmentIndex = nodeSegmentIndex
        self.mtu = mtu
        self.isSubInterface = isSubInterface
        self.isSubInterfaceParent = isSubInterfaceParent
        self.isVPNv4Loopback = isVPNv4Loopback
        self.isEdge = isEdge
        self.isisLink = isisLink
    }

    /// A physical (non-loopback) interface.
    public var isPhysical: Bool { !isLoopback }

    /// A `VlanN` interface (no `no switchport`).
    public var isVlanInterface: Bool { name.hasPrefix("Vlan") }
}
