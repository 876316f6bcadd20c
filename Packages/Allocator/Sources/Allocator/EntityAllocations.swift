import Models

/// What the activator puts in `activate_user`: the user's tunnel and DZ IP.
public struct UserAllocation: Hashable, Sendable {
    /// The tunnel /31 (device side even, client side odd).
    public var tunnelNet: IPv4Prefix
    /// The per-device tunnel id.
    public var tunnelId: UInt16
    /// The DZ IP: the client IP, or an address from the device's dz_prefixes or the publisher pool.
    public var dzIp: IPv4Address
    /// The values taken from the pools by this allocation (values the user already carried are
    /// not listed). Give them back with `ResourcePools.release(_:)` if the ledger refuses the
    /// activation.
    public var acquired: [ResourceUsage]
}

/// What the activator puts in `activate_link`: the link's /31 and id.
public struct LinkAllocation: Hashable, Sendable {
    /// The /31 from the device tunnel block (side A the lower address, side Z the upper).
    public var tunnelNet: IPv4Prefix
    /// The link id.
    public var tunnelId: UInt16
    /// The values taken from the pools by this allocation.
    public var acquired: [ResourceUsage]
}

/// What the activator puts in `activate_device_interface`: a loopback's address and segment id.
public struct LoopbackAllocation: Hashable, Sendable {
    /// The loopback's /32 (or the address its operator supplied).
    public var ipNet: IPv4Prefix
    /// The segment-routing node id of a VPNv4 loopback; 0 for other loopbacks.
    public var nodeSegmentIdx: UInt16
    /// The values taken from the pools by this allocation.
    public var acquired: [ResourceUsage]
}

/// What the activator puts in `activate_multicast_group`: the group's address.
public struct MulticastGroupAllocation: Hashable, Sendable {
    /// The group address.
    public var multicastIp: IPv4Address
    /// The values taken from the pools by this allocation.
    public var acquired: [ResourceUsage]
}
