import Models

/// The ledger entities a device configuration is derived from, in ledger order.
///
/// Routing does not depend on the Ledger package: the controller maps its ledger state into this
/// plain value. Order matters and is kept as given: devices in ledger order decide the order of
/// iBGP and MSDP peers (upstream renders peers in the order the ledger returned device accounts),
/// links in ledger order decide which link wins when two claim the same interface, and users in
/// ledger order decide which user keeps a tunnel slot claimed twice (the later one wins).
public struct DeviceConfigSnapshot: Hashable, Sendable {
    /// The network-wide configuration (tunnel and multicast blocks, ASNs).
    public var globalConfig: GlobalConfig
    /// Every device, in ledger order.
    public var devices: [Device]
    /// Every link, in ledger order.
    public var links: [Link]
    /// Every user, in ledger order.
    public var users: [User]
    /// Every exchange (metro).
    public var exchanges: [Exchange]
    /// Every multicast group.
    public var multicastGroups: [MulticastGroup]

    /// Creates a snapshot from entities already in ledger order.
    public init(
        globalConfig: GlobalConfig, devices: [Device], links: [Link], users: [User], exchanges: [Exchange],
        multicastGroups: [MulticastGroup]
    ) {
        self.globalConfig = globalConfig
        self.devices = devices
        self.links = links
        self.users = users
        self.exchanges = exchanges
        self.multicastGroups = multicastGroups
    }
}
