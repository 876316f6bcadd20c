/// What kind of service a user has.
public enum UserType: String, CaseIterable, Sendable, Codable {
    /// Increase Bandwidth, Reduce Latency: the user's DZ IP is its own client IP.
    case ibrl
    /// IBRL with a DZ IP allocated from the device's dz_prefixes.
    case ibrlWithAllocatedIP = "ibrl_with_allocated_ip"
    /// Edge filtering: DZ IP allocated from the device's dz_prefixes.
    case edgeFiltering = "edge_filtering"
    /// Multicast publisher and/or subscriber (tunnel `doublezero1`, RFC 13).
    case multicast

    /// Whether the user uses the device's unicast slots (every type but multicast).
    public var isUnicast: Bool { self != .multicast }

    /// Whether access passes gate this type by epoch (every type but multicast).
    public var isEpochGated: Bool { isUnicast }
}

/// Status of a user.
public enum UserStatus: String, CaseIterable, Sendable, Codable {
    /// Created; waiting for the activator to allocate its tunnel and DZ IP.
    case pending
    /// Connected: tunnel, addresses and BGP session are configured on the device.
    case activated
    /// Suspended by the foundation.
    case suspended
    /// Deletion requested; the activator releases its resources and closes it.
    case deleting
    /// Refused by the activator (see the user's `reject_reason`).
    case rejected
    /// Banned: resources released; blocks re-creation at this key.
    case banned
}
