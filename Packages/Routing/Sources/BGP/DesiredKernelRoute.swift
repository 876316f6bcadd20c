import Models

/// A kernel route the daemon should have, described as plain values (no netlink here): the
/// Tunnel package turns it into `RTM_NEWROUTE` / `RTM_DELROUTE` (`reference/client.md` §2.8).
public struct DesiredKernelRoute: Hashable, Sendable, CustomStringConvertible {
    /// The destination prefix (`RTA_DST`, dst_len).
    public var destination: IPv4Prefix
    /// The gateway (`RTA_GATEWAY`): the NEXT_HOP the peer sent.
    public var gateway: IPv4Address
    /// The preferred source (`RTA_PREFSRC`): the user's DZ IP, when set.
    public var source: IPv4Address?
    /// The routing table: 254 (main) for IBRL, 100 for EdgeFiltering.
    public var table: UInt32
    /// The route protocol: 186 (`RTPROT_BGP`) for BGP-learned routes.
    public var routeProtocol: UInt8

    /// Creates a route.
    public init(
        destination: IPv4Prefix, gateway: IPv4Address, source: IPv4Address?, table: UInt32, routeProtocol: UInt8
    ) {
        self.destination = destination
        self.gateway = gateway
        self.source = source
        self.table = table
        self.routeProtocol = routeProtocol
    }

    /// The `ip route` form, for example `8.8.8.8/32 via 169.254.0.0 src 9.9.9.9 table 254 proto 186`.
    public var description: String {
        "\(destination) via \(gateway)" + (source.map { " src \($0)" } ?? "") + " table \(table) proto \(routeProtocol)"
    }
}

/// One change to the kernel's routes.
public enum KernelRouteChange: Hashable, Sendable {
    /// Add or replace (`NLM_F_CREATE | NLM_F_REPLACE`).
    case replace(DesiredKernelRoute)
    /// Delete (matched by destination, gateway, table and source).
    case delete(DesiredKernelRoute)
}
