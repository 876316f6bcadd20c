import Models

/// An IPv4 unicast route: `ip route add DST [via GATEWAY] [src SOURCE] [dev DEVICE] table T proto P`.
public struct Route: Hashable, Sendable, CustomStringConvertible {
    /// `RT_TABLE_MAIN` (254).
    public static let mainTable: UInt32 = 254

    /// The destination prefix.
    public var destination: IPv4Prefix
    /// The next hop, or nil for a directly connected route.
    public var gateway: IPv4Address?
    /// The preferred source address (`RTA_PREFSRC`), if any.
    public var source: IPv4Address?
    /// The output interface (`RTA_OIF`), if any (the kernel resolves the gateway otherwise).
    public var interfaceIndex: Int32?
    /// The routing table.
    public var table: UInt32
    /// Who owns the route.
    public var `protocol`: RouteProtocol

    /// A route; the table defaults to main and the protocol to static.
    public init(
        destination: IPv4Prefix, gateway: IPv4Address? = nil, source: IPv4Address? = nil,
        interfaceIndex: Int32? = nil, table: UInt32 = Route.mainTable, protocol: RouteProtocol = .static
    ) {
        self.destination = destination
        self.gateway = gateway
        self.source = source
        self.interfaceIndex = interfaceIndex
        self.table = table
        self.protocol = `protocol`
    }

    /// The scope the kernel expects: link for a route through a device without a gateway,
    /// universe otherwise (as iproute2 chooses).
    public var scope: AddressScope {
        gateway == nil && interfaceIndex != nil ? .link : .universe
    }

    /// The `ip route` form: `10.1.0.0/24 via 169.254.0.0 src 147.51.126.1 table 254 proto 186`.
    public var description: String {
        var text = "\(destination)"
        if let gateway { text += " via \(gateway)" }
        if let interfaceIndex { text += " dev #\(interfaceIndex)" }
        if let source { text += " src \(source)" }
        return text + " table \(table) proto \(`protocol`.rawValue)"
    }
}
