import Models

/// One tunnel a host should have: its interface, underlay endpoints, `/31` overlay, optional
/// DZ IP and the routes through it.
public struct TunnelSpec: Hashable, Sendable {
    /// Which end of the `/31` this host is.
    public enum OverlaySide: Hashable, Sendable {
        /// The user host: the upper (odd) address; the device is the lower one.
        case client
        /// The device end: the lower (even) address (used by tests that play the device).
        case device
    }

    /// The interface name (`doublezero0`, `doublezero1`).
    public var name: LinuxInterfaceName
    /// The underlay source address.
    public var local: IPv4Address
    /// The underlay destination (the device's tunnel endpoint).
    public var remote: IPv4Address
    /// The tunnel's `/31` overlay network.
    public var overlay: IPv4Prefix
    /// Which end of the overlay this host is.
    public var side: OverlaySide
    /// The DZ IP, added to the interface as a `/32` of universe scope.
    public var dzIP: IPv4Address?
    /// Routes through the tunnel; their gateway is the far end of the overlay.
    public var routes: [TunnelRoute]
    /// The interface MTU (upstream: 1476).
    public var mtu: UInt32

    /// A tunnel; the MTU defaults to upstream's 1476 and the side to the user host's.
    public init(
        name: LinuxInterfaceName, local: IPv4Address, remote: IPv4Address, overlay: IPv4Prefix,
        side: OverlaySide = .client, dzIP: IPv4Address? = nil, routes: [TunnelRoute] = [], mtu: UInt32 = 1476
    ) {
        self.name = name
        self.local = local
        self.remote = remote
        self.overlay = overlay
        self.side = side
        self.dzIP = dzIP
        self.routes = routes
        self.mtu = mtu
    }

    /// This host's overlay address and the far end's, or nil when `overlay` is not a `/31`.
    public var overlayEnds: (local: IPv4Address, remote: IPv4Address)? {
        guard let halves = overlay.halves else { return nil }
        return side == .client ? (halves.upper, halves.lower) : (halves.lower, halves.upper)
    }
}

/// A route through a tunnel: `DESTINATION via <far overlay end> dev <tunnel> [src SOURCE]`.
public struct TunnelRoute: Hashable, Sendable {
    /// The destination prefix.
    public var destination: IPv4Prefix
    /// The preferred source address (typically the DZ IP).
    public var source: IPv4Address?
    /// The routing table.
    public var table: UInt32
    /// The route's owner tag.
    public var `protocol`: RouteProtocol

    /// A route; main table, static protocol by default.
    public init(
        destination: IPv4Prefix, source: IPv4Address? = nil, table: UInt32 = Route.mainTable,
        protocol: RouteProtocol = .static
    ) {
        self.destination = destination
        self.source = source
        self.table = table
        self.protocol = `protocol`
    }
}
