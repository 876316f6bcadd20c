import Models

/// The ledger entities that hold allocations, as read at one moment: what
/// ``ResourcePools/init(snapshot:)`` rebuilds the pools from and ``ResourcePools/audit(_:)``
/// checks them against. Order does not matter; entities removed from the ledger are simply absent.
public struct AllocationSnapshot: Hashable, Sendable {
    /// The global config: the four IP blocks.
    public var globalConfig: GlobalConfig
    /// Every device (per-device pools, loopback addresses and segment-routing ids).
    public var devices: [Device]
    /// Every link (device tunnel /31s and link ids).
    public var links: [Link]
    /// Every user (user tunnel /31s, per-device tunnel ids, DZ IPs).
    public var users: [User]
    /// Every multicast group (group addresses).
    public var multicastGroups: [MulticastGroup]

    /// Creates a snapshot.
    public init(
        globalConfig: GlobalConfig, devices: [Device] = [], links: [Link] = [], users: [User] = [],
        multicastGroups: [MulticastGroup] = []
    ) {
        self.globalConfig = globalConfig
        self.devices = devices
        self.links = links
        self.users = users
        self.multicastGroups = multicastGroups
    }
}
