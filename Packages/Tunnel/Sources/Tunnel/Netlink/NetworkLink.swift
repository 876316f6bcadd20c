import Models

/// A network interface as the kernel reports it (`RTM_NEWLINK` in a get or dump reply).
public struct NetworkLink: Hashable, Sendable {
    /// The interface index.
    public var index: Int32
    /// The interface name.
    public var name: String
    /// The link kind (`veth`, `gre`, `tun`...), when the kernel reports one.
    public var kind: String?
    /// The MTU.
    public var mtu: UInt32
    /// The `IFF_*` flags.
    public var flags: UInt32
    /// For GRE links, the underlay source address.
    public var greLocal: IPv4Address?
    /// For GRE links, the underlay destination address.
    public var greRemote: IPv4Address?

    /// A link with these fields.
    public init(
        index: Int32, name: String, kind: String? = nil, mtu: UInt32, flags: UInt32,
        greLocal: IPv4Address? = nil, greRemote: IPv4Address? = nil
    ) {
        self.index = index
        self.name = name
        self.kind = kind
        self.mtu = mtu
        self.flags = flags
        self.greLocal = greLocal
        self.greRemote = greRemote
    }

    /// Whether the link is administratively up (`IFF_UP`).
    public var isUp: Bool { flags & 1 != 0 }
}
