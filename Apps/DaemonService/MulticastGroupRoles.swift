/// A service's `multicast_groups` object: the codes of the groups it publishes to and subscribes to.
public struct MulticastGroupRoles: Codable, Sendable, Hashable {
    /// Codes of the groups published to.
    public var publisher: [String]
    /// Codes of the groups subscribed to.
    public var subscriber: [String]

    /// No groups.
    public static let none = MulticastGroupRoles(publisher: [], subscriber: [])

    /// Roles in the given groups.
    public init(publisher: [String], subscriber: [String]) {
        self.publisher = publisher
        self.subscriber = subscriber
    }
}
