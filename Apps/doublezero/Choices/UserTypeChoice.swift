import ArgumentParser

/// A user's service type, as given with `--user-type`.
enum UserTypeChoice: String, CaseIterable, ExpressibleByArgument {
    /// Unicast, reusing the client's own IP as its DoubleZero IP.
    case ibrl
    /// Unicast with a DoubleZero IP allocated from the device's prefixes.
    case ibrlWithAllocatedIP = "ibrl-with-allocated-ip"
    /// Unicast with edge filtering and an allocated IP.
    case edgeFiltering = "edge-filtering"
    /// Multicast publisher and/or subscriber (tunnel doublezero1).
    case multicast
}
