import Models

/// One user tunnel slot (`Tunnel<id>`) of a device. Every slot is rendered: its cleanup lines
/// always, its definition only when a user holds it.
public struct DeviceConfigTunnel: Hashable, Sendable {
    /// The slot id, 500 and up.
    public var id: UInt16
    /// The user holding the slot; nil = free (only the negating lines are rendered).
    public var user: DeviceConfigTunnelUser?

    /// Creates a slot.
    public init(id: UInt16, user: DeviceConfigTunnelUser? = nil) {
        self.id = id
        self.user = user
    }
}

/// The user side of an allocated tunnel slot.
public struct DeviceConfigTunnelUser: Hashable, Sendable {
    /// What the tunnel carries.
    public enum Service: Hashable, Sendable {
        /// Unicast (IBRL family): the session lives in `vrf vrf<vrf>`; with `metroRouting` the user
        /// is not sent the routes of its own metro (RFC 6).
        case unicast(vrf: UInt16, metroRouting: Bool)
        /// Multicast: the session lives in the global table. Group addresses the user publishes to
        /// and subscribes to, and the boundary list (their union, sorted as dotted strings).
        case multicast(publishers: [IPv4Address], subscribers: [IPv4Address], boundary: [IPv4Address])
    }

    /// The user's public key (for logs and tests).
    public var pubkey: PublicKey
    /// Unicast or multicast.
    public var service: Service
    /// The device-side GRE endpoint: the user's `tunnel_endpoint`, else the device's public IP (RFC 13).
    public var underlaySource: IPv4Address
    /// The client's public IP.
    public var underlayDestination: IPv4Address
    /// The device side of the tunnel /31 (even address).
    public var overlaySource: IPv4Address
    /// The client side of the tunnel /31 (odd address): the BGP neighbour.
    public var overlayDestination: IPv4Address
    /// The address the user announces.
    public var dzIp: IPv4Address

    /// Creates the user side of a slot.
    public init(
        pubkey: PublicKey, service: Service, underlaySource: IPv4Address, underlayDestination: IPv4Address,
        overlaySource: IPv4Address, overlayDestination: IPv4Address, dzIp: IPv4Address
    ) {
        self.pubkey = pubkey
        self.service = service
        self.underlaySource = underlaySource
        self.underlayDestination = underlayDestination
        self.overlaySource = overlaySource
        self.overlayDestination = overlayDestination
        self.dzIp = dzIp
    }

    /// Whether this is a multicast tunnel.
    public var isMulticast: Bool {
        if case .multicast = service { true } else { false }
    }
}
