import Models

/// The kernel's answer to ``NetlinkSession/routeLookup(to:)`` (`ip route get DST`): the route it
/// would use toward one destination.
public struct RouteLookupResult: Hashable, Sendable {
    /// The destination asked about.
    public var destination: IPv4Address
    /// The preferred source address (`RTA_PREFSRC`): what `/resolve-route` answers and what a
    /// tunnel's underlay source is resolved to; nil when the kernel names none.
    public var preferredSource: IPv4Address?
    /// The next hop (`RTA_GATEWAY`), or nil when the destination is on link (or local).
    public var gateway: IPv4Address?
    /// The output interface (`RTA_OIF`).
    public var interfaceIndex: Int32?
    /// The table the route was found in (`RTA_TABLE`).
    public var table: UInt32
    /// The route type (`RTN_UNICAST` 1, `RTN_LOCAL` 2 for one of our own addresses, …).
    public var type: UInt8

    /// `RTN_LOCAL`: the destination is an address of this host.
    public static let localType: UInt8 = 2

    /// A result with these fields.
    public init(
        destination: IPv4Address, preferredSource: IPv4Address?, gateway: IPv4Address?, interfaceIndex: Int32?,
        table: UInt32, type: UInt8
    ) {
        self.destination = destination
        self.preferredSource = preferredSource
        self.gateway = gateway
        self.interfaceIndex = interfaceIndex
        self.table = table
        self.type = type
    }
}
