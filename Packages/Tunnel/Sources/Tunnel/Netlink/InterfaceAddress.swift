import Models

/// An IPv4 address on an interface: `ip address add ADDRESS/LENGTH dev DEVICE scope SCOPE`.
public struct InterfaceAddress: Hashable, Sendable {
    /// The interface index.
    public var interfaceIndex: Int32
    /// The local address and the prefix length (`169.254.0.1/31`), not the network.
    public var address: IPv4Prefix
    /// The scope: ``AddressScope/link`` for a tunnel's `/31`, ``AddressScope/universe`` for a DZ IP.
    public var scope: AddressScope

    /// An address on interface `interfaceIndex`.
    public init(interfaceIndex: Int32, address: IPv4Prefix, scope: AddressScope = .universe) {
        self.interfaceIndex = interfaceIndex
        self.address = address
        self.scope = scope
    }
}
