/// Status of a device interface.
public enum InterfaceStatus: String, CaseIterable, Sendable, Codable {
    /// A loopback waiting for the activator to allocate its address and segment id.
    case pending
    /// In use (a loopback with its address, or a physical interface bound to a link).
    case activated
    /// A physical interface not bound to any link.
    case unlinked
    /// Deletion requested; the activator releases its resources and removes it.
    case deleting
    /// Refused by the activator (pool exhausted).
    case rejected
}

/// Kind of interface, derived from its name.
public enum InterfaceType: String, CaseIterable, Sendable, Codable {
    /// `LoopbackN`.
    case loopback
    /// Any other name (Ethernet, Switch, Port-channel, Vlan).
    case physical
}

/// Role of a loopback interface (RFC 12: Loopback255 = vpnv4, Loopback256 = ipv4).
public enum LoopbackType: String, CaseIterable, Sendable, Codable {
    /// Not a loopback, or a loopback with no special role.
    case none
    /// VPNv4 loopback: gets a segment-routing node id.
    case vpnv4
    /// IPv4 loopback.
    case ipv4
    /// PIM rendezvous-point address.
    case pimRpAddress = "pim_rp_address"
}

/// How users reach the device over this interface ("Choose Your Own Adventure"). The same values
/// describe a user's access path (`User.cyoa_type`).
public enum CYOAType: String, CaseIterable, Sendable, Codable {
    /// Not a user-access interface.
    case none
    /// GRE over direct internet access.
    case greOverDIA = "gre_over_dia"
    /// GRE over the exchange fabric.
    case greOverFabric = "gre_over_fabric"
    /// GRE over private peering.
    case greOverPrivatePeering = "gre_over_private_peering"
    /// GRE over public peering.
    case greOverPublicPeering = "gre_over_public_peering"
    /// GRE over a cross-connect cable.
    case greOverCable = "gre_over_cable"
}

/// Whether the interface provides direct internet access.
public enum DIAType: String, CaseIterable, Sendable, Codable {
    /// No direct internet access.
    case none
    /// Direct internet access.
    case dia
}

/// How routes are exchanged on the interface.
public enum RoutingMode: String, CaseIterable, Sendable, Codable {
    /// Static routes.
    case `static`
    /// BGP.
    case bgp
}
