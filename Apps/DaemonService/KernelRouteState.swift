/// Whether a learnt route is in the kernel's main table (`kernel_state` of a route record).
public enum KernelRouteState: String, Codable, Sendable, Hashable, Comparable {
    /// The route is installed.
    case present
    /// The route is not installed (liveness knows it, the kernel does not).
    case absent

    /// Alphabetical, as upstream sorts the strings.
    public static func < (lhs: KernelRouteState, rhs: KernelRouteState) -> Bool { lhs.rawValue < rhs.rawValue }
}
