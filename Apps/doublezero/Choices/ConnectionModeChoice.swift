import ArgumentParser

/// Which tunnel a `disconnect` removes.
enum ConnectionModeChoice: String, CaseIterable, ExpressibleByArgument {
    /// The unicast tunnel (doublezero0): IBRL and IBRL with allocated IP.
    case ibrl
    /// The multicast tunnel (doublezero1).
    case multicast
}
