import Models

/// A structured view of one device's configuration model, for the device agent: what it needs to
/// build the device ends of the user tunnels and to check its links, as plain values (served as
/// JSON by the controller, ``jsonText()``).
///
/// Derived from the same ``DeviceConfig`` as the EOS and FRR texts. Keys are snake_case; lists are
/// in the renderers' order (tunnels by id, links by interface name, peers in ledger order).
public struct DeviceModel: Codable, Hashable, Sendable {
    /// The format version; raised when a field changes meaning or disappears.
    public static let currentVersion = 1

    /// One of the device's loopbacks.
    public struct Loopback: Codable, Hashable, Sendable {
        /// The ledger's interface name, for example `Loopback255`.
        public var name: String
        /// Its address (a /32).
        public var address: IPv4Address
        /// `vpnv4` (the router id) or `ipv4` (the iBGP source).
        public var role: String

        /// Creates a loopback entry.
        public init(name: String, address: IPv4Address, role: String) {
            self.name = name
            self.address = address
            self.role = role
        }
    }

    /// What a user tunnel carries.
    public enum TunnelKind: String, Codable, Hashable, Sendable {
        /// IBRL: the user's DZ IP /32 with `21682:1200`.
        case unicast
        /// Multicast with at least one group published (its DZ IP is announced).
        case multicastPublisher = "multicast-publisher"
        /// Multicast, subscribing only (nothing is accepted from it).
        case multicastSubscriber = "multicast-subscriber"
    }

    /// One user tunnel the device terminates.
    public struct UserTunnel: Codable, Hashable, Sendable {
        /// The slot id (500 and up).
        public var id: UInt16
        /// The interface name on the device, `Tunnel<id>`.
        public var interfaceName: String
        /// The user's public key.
        public var user: PublicKey
        /// Unicast, multicast publisher or subscriber.
        public var kind: TunnelKind
        /// The device's GRE endpoint (the user's `tunnel_endpoint`, else the device's public IP).
        public var deviceEndpoint: IPv4Address
        /// The client's GRE endpoint, its public IP.
        public var clientUnderlay: IPv4Address
        /// The tunnel's /31.
        public var overlay: IPv4Prefix
        /// The device's address in the /31 (the lower one).
        public var deviceOverlay: IPv4Address
        /// The client's address in the /31: the BGP neighbor.
        public var clientOverlay: IPv4Address
        /// The address the user announces.
        public var dzIp: IPv4Address
        /// Multicast groups the user publishes to (empty for unicast).
        public var publishes: [IPv4Address]
        /// Multicast groups the user subscribes to (empty for unicast).
        public var subscribes: [IPv4Address]

        private enum CodingKeys: String, CodingKey {
            case id, user, kind, overlay, publishes, subscribes
            case interfaceName = "interface_name"
            case deviceEndpoint = "device_endpoint"
            case clientUnderlay = "client_underlay"
            case deviceOverlay = "device_overlay"
            case clientOverlay = "client_overlay"
            case dzIp = "dz_ip"
        }
    }

    /// One of the device's links to another device.
    public struct Link: Codable, Hashable, Sendable {
        /// The link's code.
        public var code: String
        /// The link's public key.
        public var pubkey: PublicKey
        /// `activated`, `soft_drained` or `hard_drained`.
        public var status: LinkStatus
        /// Activated or soft-drained: the FRR config peers over it.
        public var carriesTraffic: Bool
        /// This device's interface on the link (ledger name).
        public var interfaceName: String
        /// The link's /31.
        public var tunnelNet: IPv4Prefix
        /// This device's address on the link.
        public var localAddress: IPv4Address
        /// The other device's address on the link.
        public var peerAddress: IPv4Address
        /// The other device's code ("" when unknown).
        public var peerDevice: String
        /// The other device's interface on the link.
        public var peerInterfaceName: String

        private enum CodingKeys: String, CodingKey {
            case code, pubkey, status
            case carriesTraffic = "carries_traffic"
            case interfaceName = "interface_name"
            case tunnelNet = "tunnel_net"
            case localAddress = "local_address"
            case peerAddress = "peer_address"
            case peerDevice = "peer_device"
            case peerInterfaceName = "peer_interface_name"
        }
    }

    /// An iBGP neighbor: another device's IPv4 loopback.
    public struct Peer: Codable, Hashable, Sendable {
        /// The device's code.
        public var device: String
        /// Its IPv4 loopback.
        public var address: IPv4Address
    }

    /// The format version, ``currentVersion``.
    public var version: Int
    /// The device's code.
    public var code: String
    /// The device's public key.
    public var pubkey: PublicKey
    /// The device's public IP (the default GRE endpoint).
    public var publicIp: IPv4Address
    /// The AS of the device's BGP router (65342), which users peer with.
    public var asn: UInt32
    /// The AS users speak from (65000).
    public var userAsn: UInt32
    /// The BGP router id (the VPNv4 loopback address).
    public var routerId: IPv4Address
    /// Both loopbacks, VPNv4 first.
    public var loopbacks: [Loopback]
    /// Drained: every user BGP session is shut.
    public var drained: Bool
    /// The device's exchange (metro) code.
    public var exchange: String
    /// The exchange's community, `21682:<value>`, set on every user route learned here (RFC 6).
    public var exchangeCommunity: String
    /// The user tunnels, by id.
    public var userTunnels: [UserTunnel]
    /// The links, by interface name.
    public var links: [Link]
    /// The iBGP neighbors of the FRR config (healthy devices across live links), ledger order.
    public var ibgpPeers: [Peer]

    private enum CodingKeys: String, CodingKey {
        case version, code, pubkey, asn, loopbacks, drained, exchange, links
        case publicIp = "public_ip"
        case userAsn = "user_asn"
        case routerId = "router_id"
        case exchangeCommunity = "exchange_community"
        case userTunnels = "user_tunnels"
        case ibgpPeers = "ibgp_peers"
    }

    /// The model of `config`.
    public init(_ config: DeviceConfig) {
        version = Self.currentVersion
        code = config.code
        pubkey = config.pubkey
        publicIp = config.publicIp
        asn = FRRConfigRenderer.deviceASN
        userAsn = FRRConfigRenderer.userASN
        routerId = config.vpnv4Loopback.address
        loopbacks = [
            Loopback(name: config.vpnv4Loopback.name, address: config.vpnv4Loopback.address, role: "vpnv4"),
            Loopback(name: config.ipv4Loopback.name, address: config.ipv4Loopback.address, role: "ipv4"),
        ]
        drained = config.isDrained
        exchange = config.exchangeCode
        exchangeCommunity = config.metroCommunityList.community.description
        userTunnels = config.tunnels.compactMap { tunnel in
            guard let user = tunnel.user else { return nil }
            let kind: TunnelKind
            var publishes: [IPv4Address] = []
            var subscribes: [IPv4Address] = []
            switch user.service {
            case .unicast:
                kind = .unicast
            case .multicast(let publishers, let subscribers, _):
                kind = publishers.isEmpty ? .multicastSubscriber : .multicastPublisher
                publishes = publishers
                subscribes = subscribers
            }
            return UserTunnel(
                id: tunnel.id, interfaceName: "Tunnel\(tunnel.id)", user: user.pubkey, kind: kind,
                deviceEndpoint: user.underlaySource, clientUnderlay: user.underlayDestination,
                overlay: IPv4Prefix(uncheckedAddress: user.overlaySource, length: 31),
                deviceOverlay: user.overlaySource, clientOverlay: user.overlayDestination, dzIp: user.dzIp,
                publishes: publishes, subscribes: subscribes)
        }
        links = config.links.map { link in
            Link(
                code: link.code, pubkey: link.pubkey, status: link.status, carriesTraffic: link.carriesTraffic,
                interfaceName: link.interfaceName, tunnelNet: link.tunnelNet, localAddress: link.localAddress,
                peerAddress: link.peerAddress, peerDevice: link.peerDeviceCode,
                peerInterfaceName: link.peerInterfaceName)
        }
        ibgpPeers = FRRConfigRenderer.iBGPNeighbors(of: config).map { Peer(device: $0.name, address: $0.address) }
    }
}
