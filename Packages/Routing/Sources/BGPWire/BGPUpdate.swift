import Models

/// The UPDATE message (RFC 4271 §4.3) for IPv4 unicast: withdrawn prefixes, path attributes
/// and announced prefixes (NLRI) sharing those attributes.
public struct BGPUpdate: Hashable, Sendable {
    /// Prefixes no longer reachable.
    public var withdrawn: [IPv4Prefix]
    /// The attributes of every prefix in ``announced``.
    public var attributes: BGPPathAttributes
    /// Prefixes announced with ``attributes`` (the NLRI field).
    public var announced: [IPv4Prefix]

    /// Creates an UPDATE.
    public init(withdrawn: [IPv4Prefix] = [], attributes: BGPPathAttributes = .none, announced: [IPv4Prefix] = []) {
        self.withdrawn = withdrawn
        self.attributes = attributes
        self.announced = announced
    }

    /// The End-of-RIB marker for IPv4 unicast (RFC 4724): an empty UPDATE.
    public var isEndOfRIB: Bool { withdrawn.isEmpty && announced.isEmpty && attributes == .none }
}
