import Models

/// Which of a host's two DoubleZero tunnels a service uses (RFC 13, "Simultaneous Tunnels").
///
/// A user host may hold one unicast and one multicast tunnel at the same time, each a GRE
/// interface with a fixed name: `doublezero0` for unicast, `doublezero1` for multicast.
public enum TunnelSlot: String, CaseIterable, Hashable, Sendable {
    /// The unicast tunnel (IBRL, IBRL with allocated IP, edge filtering): `doublezero0`.
    case unicast
    /// The multicast tunnel (publishers and subscribers): `doublezero1`.
    case multicast

    /// The slot a user of this type occupies: multicast users use the multicast tunnel, every
    /// other type the unicast one.
    public init(userType: UserType) {
        self = userType.isUnicast ? .unicast : .multicast
    }

    /// The tunnel's interface name: `doublezero0` or `doublezero1`.
    public var interfaceName: LinuxInterfaceName {
        switch self {
        case .unicast: LinuxInterfaceName(constant: "doublezero0")
        case .multicast: LinuxInterfaceName(constant: "doublezero1")
        }
    }
}
