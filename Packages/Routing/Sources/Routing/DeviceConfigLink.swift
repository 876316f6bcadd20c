import Models

/// One of a device's links to another device, as this device sees it: its interface, both ends
/// of the link's /31 and the device at the other end.
///
/// Side A of a link holds the lower address of its `tunnel_net`, side Z the upper one (the
/// ledger gives the interfaces these addresses when the link is activated). Only links that are
/// activated, soft-drained or hard-drained, with a /31 allocated, appear.
public struct DeviceConfigLink: Hashable, Sendable {
    /// The link's code.
    public var code: String
    /// The link's public key.
    public var pubkey: PublicKey
    /// Activated, soft-drained or hard-drained.
    public var status: LinkStatus
    /// This device's interface on the link, as the ledger names it (for example `Ethernet1`).
    public var interfaceName: String
    /// The link's /31.
    public var tunnelNet: IPv4Prefix
    /// This device's address on the link.
    public var localAddress: IPv4Address
    /// The other device's address on the link.
    public var peerAddress: IPv4Address
    /// The device at the other end.
    public var peerDevice: PublicKey
    /// Its code ("" when the ledger has no such device).
    public var peerDeviceCode: String
    /// Its interface on the link.
    public var peerInterfaceName: String
    /// Its IPv4 loopback as an iBGP peer, when that device gets a config itself (a device with
    /// pathologies is nobody's peer).
    public var peer: IBGPPeer?

    /// Creates a link end.
    public init(
        code: String, pubkey: PublicKey, status: LinkStatus, interfaceName: String, tunnelNet: IPv4Prefix,
        localAddress: IPv4Address, peerAddress: IPv4Address, peerDevice: PublicKey, peerDeviceCode: String,
        peerInterfaceName: String, peer: IBGPPeer?
    ) {
        self.code = code
        self.pubkey = pubkey
        self.status = status
        self.interfaceName = interfaceName
        self.tunnelNet = tunnelNet
        self.localAddress = localAddress
        self.peerAddress = peerAddress
        self.peerDevice = peerDevice
        self.peerDeviceCode = peerDeviceCode
        self.peerInterfaceName = peerInterfaceName
        self.peer = peer
    }

    /// Whether the link carries traffic: activated or soft-drained (a soft-drained link is only
    /// avoided when there is another path; a hard-drained one carries nothing, RFC 9).
    public var carriesTraffic: Bool { status == .activated || status == .softDrained }
}
