import Models

/// The two kinds of tunnel a host may hold at once (RFC 13): one unicast, one multicast.
public enum ServiceClass: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// IBRL, IBRL with an allocated IP and edge filtering: tunnel `doublezero0`.
    case unicast
    /// Multicast publisher and/or subscriber: tunnel `doublezero1`.
    case multicast

    /// The class a user type provisions.
    public init(_ userType: UserType) {
        self = userType.isUnicast ? .unicast : .multicast
    }

    /// The GRE interface of the class: `doublezero0` or `doublezero1`.
    public var tunnelName: String {
        switch self {
        case .unicast: "doublezero0"
        case .multicast: "doublezero1"
        }
    }

    /// `unicast` or `multicast` (upstream's `service_type` metric label).
    public var description: String { rawValue }
}
