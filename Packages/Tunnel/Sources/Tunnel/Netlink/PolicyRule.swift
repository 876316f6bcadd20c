import Models

/// An IPv4 policy routing rule: `ip rule add priority P [from SRC] [to DST] table T protocol PROTO`.
public struct PolicyRule: Hashable, Sendable {
    /// The priorities and tables this library may add or delete rules at (upstream's
    /// "we can't insert rules just anywhere"): 100...200.
    public static let allowedRange: ClosedRange<Int> = 100...200

    /// The rule priority (lower is evaluated first).
    public var priority: UInt32
    /// The source prefix to match, or nil for any.
    public var source: IPv4Prefix?
    /// The destination prefix to match, or nil for any.
    public var destination: IPv4Prefix?
    /// The table to look up.
    public var table: UInt32
    /// Who owns the rule (upstream uses ``RouteProtocol/kernel``).
    public var `protocol`: RouteProtocol

    /// A rule; nothing is checked here, ``NetlinkSession/addRule(_:)`` checks the ranges.
    public init(
        priority: UInt32, source: IPv4Prefix? = nil, destination: IPv4Prefix? = nil, table: UInt32,
        protocol: RouteProtocol = .kernel
    ) {
        self.priority = priority
        self.source = source
        self.destination = destination
        self.table = table
        self.protocol = `protocol`
    }

    /// Throws when the priority or the table lies outside ``allowedRange``.
    public func validate() throws(NetlinkError) {
        guard Self.allowedRange.contains(Int(priority)) else {
            throw .outOfRange(what: "rule priority", value: Int(priority), allowed: Self.allowedRange)
        }
        guard Self.allowedRange.contains(Int(table)) else {
            throw .outOfRange(what: "rule table", value: Int(table), allowed: Self.allowedRange)
        }
    }
}
