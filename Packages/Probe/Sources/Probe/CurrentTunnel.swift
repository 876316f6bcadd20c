import Models

/// The tunnel a client already has, when it asks for a second one (RFC 13: one unicast and one
/// multicast tunnel per client).
public struct CurrentTunnel: Hashable, Sendable {
    /// The device the tunnel lands on.
    public var device: PublicKey
    /// The device address the tunnel lands on; `0.0.0.0` means the device's public IP (as the
    /// ledger records it).
    public var endpoint: IPv4Address

    /// Creates a description of an existing tunnel.
    public init(device: PublicKey, endpoint: IPv4Address) {
        self.device = device
        self.endpoint = endpoint
    }
}
