import BGP
import Models
import Tunnel

/// Every host object one service consists of (`reference/client.md` §2.7), computed from its
/// request: the tunnel, the routes and rules beside it, and the BGP session with its route policy.
/// Pure; ``HostService`` builds and removes these objects.
///
/// | user type | tunnel | DZ IP on tunnel | extra routes | rules | learned routes |
/// |---|---|---|---|---|---|
/// | IBRL | `doublezero0` | no | — | — | main, proto 186, src DZ IP |
/// | IBRL with allocated IP | `doublezero0` | yes | — | — | main, never uninstalled |
/// | EdgeFiltering | `doublezero0` | yes | table 101 default via device | 100 to each prefix → 100, 101 from each prefix → 101 | table 100 |
/// | Multicast | `doublezero1` | publishers | `G/32 via device` (publisher groups with src) | — | none |
public struct HostServiceLayout: Sendable {
    /// The table EdgeFiltering installs learned routes into.
    public static let edgeFilteringLearnedTable: UInt32 = 100
    /// The table of EdgeFiltering's default route through the tunnel.
    public static let edgeFilteringDefaultTable: UInt32 = 101

    /// The tunnel interface.
    public var tunnel: TunnelSpec
    /// Routes beside the tunnel (multicast group routes, the EdgeFiltering default), all through it.
    public var routes: [TunnelRoute]
    /// Policy rules (EdgeFiltering).
    public var rules: [PolicyRule]
    /// The BGP session's settings.
    public var bgp: BGPSpeakerConfiguration
    /// The prefixes announced over BGP (the DZ IP's /32, when there is one).
    public var announced: [IPv4Prefix]
    /// How learned routes reach the kernel.
    public var routePolicy: BGPKernelRouteTable.Policy

    /// The layout of `request`; `fallbackSource` is the tunnel source when the request has none.
    public init(request: ServiceRequest, fallbackSource: IPv4Address) {
        let name = TunnelSlot(userType: request.userType).interfaceName
        let dzIP = request.doubleZeroIP
        let dzIPOnTunnel: IPv4Address? =
            switch request.userType {
            case .ibrl: nil
            case .ibrlWithAllocatedIP, .edgeFiltering, .multicast: dzIP
            }
        tunnel = TunnelSpec(
            name: name, local: request.tunnelSource ?? fallbackSource, remote: request.tunnelDestination,
            overlay: request.tunnelNet, dzIP: dzIPOnTunnel)
        var routes: [TunnelRoute] = []
        var rules: [PolicyRule] = []
        switch request.userType {
        case .edgeFiltering:
            routes.append(
                TunnelRoute(
                    destination: IPv4Prefix(uncheckedAddress: .unspecified, length: 0), source: dzIP,
                    table: Self.edgeFilteringDefaultTable, protocol: .boot))
            for prefix in request.doubleZeroPrefixes {
                rules.append(PolicyRule(priority: 100, destination: prefix, table: Self.edgeFilteringLearnedTable))
                rules.append(PolicyRule(priority: 101, source: prefix, table: Self.edgeFilteringDefaultTable))
            }
        case .multicast:
            routes = Self.groupRoutes(request)
        case .ibrl, .ibrlWithAllocatedIP:
            break
        }
        self.routes = routes
        self.rules = rules
        bgp = BGPSpeakerConfiguration(
            localASN: request.localASN, remoteASN: request.remoteASN, peerAddress: request.remoteOverlay,
            localAddress: request.localOverlay, nextHop: request.localOverlay,
            reconnectBackoff: Self.bgpReconnectBackoff)
        announced = dzIP.map { [IPv4Prefix(uncheckedAddress: $0, length: 32)] } ?? []
        routePolicy =
            switch request.userType {
            case .ibrl: BGPKernelRouteTable.Policy(source: dzIP)
            case .ibrlWithAllocatedIP: BGPKernelRouteTable.Policy(source: dzIP, uninstalls: false)
            case .edgeFiltering: BGPKernelRouteTable.Policy(table: Self.edgeFilteringLearnedTable, source: dzIP)
            case .multicast: BGPKernelRouteTable.Policy(source: dzIP, installs: false)
            }
    }

    /// How soon the daemon dials the device again after a refused or closed session: 200 ms,
    /// doubling to 2 s, with jitter. Right after an activation the daemon's tunnel is up in
    /// milliseconds while the device is still applying the user (a few hundred ms): a refusal
    /// then is expected, and a longer backoff would leave the host waiting seconds for a device
    /// that is ready. One SYN per host every 2 s at most is no load for a device.
    public static let bgpReconnectBackoff = ReconnectBackoff(
        initial: .milliseconds(200), maximum: .seconds(2), jitter: .equal)

    /// The static routes of a multicast service's groups: each publisher group with the DZ IP as
    /// source, each subscriber group that is not also published without one.
    public static func groupRoutes(_ request: ServiceRequest) -> [TunnelRoute] {
        let published = Set(request.publisherGroups)
        var routes: [TunnelRoute] = []
        for group in request.publisherGroups.sorted() {
            routes.append(
                TunnelRoute(destination: IPv4Prefix(uncheckedAddress: group, length: 32), source: request.doubleZeroIP))
        }
        for group in Set(request.subscriberGroups).subtracting(published).sorted() {
            routes.append(TunnelRoute(destination: IPv4Prefix(uncheckedAddress: group, length: 32)))
        }
        return routes
    }
}
