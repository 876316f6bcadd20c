import Models

/// Another device's loopback as an iBGP (and, for IPv4 loopbacks, MSDP) peer.
public struct IBGPPeer: Hashable, Sendable {
    /// The peer's loopback address.
    public let address: IPv4Address
    /// The peer device's code (the neighbour description).
    public let name: String
    /// The address in dotted-quad form, formatted once (every device's config repeats it).
    public let addressText: String

    /// Creates a peer.
    public init(address: IPv4Address, name: String) {
        self.address = address
        self.name = name
        self.addressText = address.description
    }
}
