/// How a tunnel's packets are carried.
public enum TunnelDatapathKind: String, Hashable, Sendable {
    /// A kernel `gre` link.
    case kernelGRE
    /// A TUN device and a raw GRE socket in this process (``UserspaceGRETunnel``).
    case userspace
}

/// Which datapath the reconciler uses.
public enum TunnelDatapathPreference: Hashable, Sendable {
    /// Kernel GRE; once the kernel answers that it lacks GRE, userspace for this and every
    /// later tunnel.
    case automatic
    /// Kernel GRE only.
    case kernelGRE
    /// Userspace only.
    case userspace
}
