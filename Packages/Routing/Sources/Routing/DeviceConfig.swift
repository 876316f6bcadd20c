import Models

/// Everything one device's EOS configuration is rendered from: derived from a ledger snapshot by
/// ``NetworkDeviceConfigs``, rendered to text by ``EOSConfigRenderer``.
///
/// Lists are already in render order: interfaces by name (bytewise), tunnels by slot id, peers in
/// ledger order (including this device itself; the renderer skips its own addresses, as upstream).
public struct DeviceConfig: Hashable, Sendable {
    /// A named loopback and its address.
    public struct Loopback: Hashable, Sendable {
        /// The interface name, for example `Loopback255`.
        public var name: String
        /// Its address (without the length).
        public var address: IPv4Address

        /// Creates a loopback reference.
        public init(name: String, address: IPv4Address) {
            self.name = name
            self.address = address
        }
    }

    /// The device's public key.
    public var pubkey: PublicKey
    /// The device's code, for example `ny5-dz01`.
    public var code: String
    /// The device's public IP: default GRE source and the VRF router-id.
    public var publicIp: IPv4Address
    /// The management VRF ("" = `default`).
    public var mgmtVrf: String
    /// Drained: IS-IS `set-overload-bit` and every user BGP session shut.
    public var isDrained: Bool
    /// Interfaces sorted by name, sub-interface parents included.
    public var interfaces: [DeviceConfigInterface]
    /// The VPNv4 loopback: BGP and IS-IS router-id, VPNv4 peering source.
    public var vpnv4Loopback: Loopback
    /// The IPv4 loopback: IPv4 iBGP and MSDP peering source.
    public var ipv4Loopback: Loopback
    /// The IS-IS NET, `49.0000.xxxx.xxxx.0000.00` of the VPNv4 loopback address.
    public var isisNet: String
    /// The device's exchange code.
    public var exchangeCode: String
    /// The device's metro community list (its own exchange).
    public var metroCommunityList: MetroCommunityList
    /// Community lists of every exchange with a valid community, by exchange code (RFC 6).
    public var communityLists: [MetroCommunityList]
    /// Every user tunnel slot, by id (slots whose underlay pair repeats an earlier one are absent).
    public var tunnels: [DeviceConfigTunnel]
    /// Unicast VRF ids, ascending (always contains 1).
    public var unicastVrfs: [UInt16]
    /// IPv4 loopbacks of every healthy device, ledger order.
    public var ipv4Peers: [IBGPPeer]
    /// VPNv4 loopbacks of every healthy device, ledger order.
    public var vpnv4Peers: [IBGPPeer]
    /// The multicast group block (host bits cleared), the PIM RP's group range.
    public var multicastGroupBlock: IPv4Prefix
    /// The user tunnel block: BGP neighbours inside it that the device should not have are removed.
    public var userTunnelBlock: IPv4Prefix
    /// The device tunnel block (loopbacks and link /31s), same use as ``userTunnelBlock``.
    public var deviceTunnelBlock: IPv4Prefix
    /// The `local-as` of user BGP sessions.
    public var localASN: UInt32
    /// Leave out hardware-only commands.
    public var noHardware: Bool
    /// The TWAMP port the control-plane ACL permits.
    public var twampPort: UInt16
    /// The device's live links to other devices, by interface name (the FRR rendering peers over
    /// them; the EOS text reaches its peers through IS-IS instead and does not use this list).
    public var links: [DeviceConfigLink]

    /// Creates a device config model.
    public init(
        pubkey: PublicKey, code: String, publicIp: IPv4Address, mgmtVrf: String, isDrained: Bool,
        interfaces: [DeviceConfigInterface], vpnv4Loopback: Loopback, ipv4Loopback: Loopback, isisNet: String,
        exchangeCode: String, metroCommunityList: MetroCommunityList, communityLists: [MetroCommunityList],
        tunnels: [DeviceConfigTunnel], unicastVrfs: [UInt16], ipv4Peers: [IBGPPeer], vpnv4Peers: [IBGPPeer],
        multicastGroupBlock: IPv4Prefix, userTunnelBlock: IPv4Prefix, deviceTunnelBlock: IPv4Prefix,
        localASN: UInt32, noHardware: Bool, twampPort: UInt16, links: [DeviceConfigLink] = []
    ) {
        self.pubkey = pubkey
        self.code = code
        self.publicIp = publicIp
        self.mgmtVrf = mgmtVrf
        self.isDrained = isDrained
        self.interfaces = interfaces
        self.vpnv4Loopback = vpnv4Loopback
        self.ipv4Loopback = ipv4Loopback
        self.isisNet = isisNet
        self.exchangeCode = exchangeCode
        self.metroCommunityList = metroCommunityList
        self.communityLists = communityLists
        self.tunnels = tunnels
        self.unicastVrfs = unicastVrfs
        self.ipv4Peers = ipv4Peers
        self.vpnv4Peers = vpnv4Peers
        self.multicastGroupBlock = multicastGroupBlock
        self.userTunnelBlock = userTunnelBlock
        self.deviceTunnelBlock = deviceTunnelBlock
        self.localASN = localASN
        self.noHardware = noHardware
        self.twampPort = twampPort
        self.links = links
    }

    /// The IS-IS NET of a VPNv4 loopback address: `49.0000.` + its four bytes as lower-case hex in
    /// two groups + `.0000.00` (14.14.14.14 gives `49.0000.0e0e.0e0e.0000.00`).
    public static func isisNet(for address: IPv4Address) -> String {
        let hex = address.bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "49.0000.\(hex[0])\(hex[1]).\(hex[2])\(hex[3]).0000.00"
    }

    /// The BGP neighbours a device reported that it should no longer have (upstream "unknown
    /// peers"): each address that parses, is not a user tunnel's client side nor any iBGP peer, and
    /// lies inside the user or device tunnel block (so contributor-managed peers are never touched).
    /// Kept in the order given.
    public func unknownPeers(reported: [String]) -> [IPv4Address] {
        var known = Set(ipv4Peers.map(\.address)).union(vpnv4Peers.map(\.address))
        for tunnel in tunnels {
            if let user = tunnel.user { known.insert(user.overlayDestination) }
        }
        return reported.compactMap { text in
            guard let address = IPv4Address(text), !known.contains(address) else { return nil }
            return userTunnelBlock.contains(address) || deviceTunnelBlock.contains(address) ? address : nil
        }
    }
}
