import Models

/// Every device's configuration model, derived once from a ledger snapshot (the controller's
/// immutable state): each device either has a ``DeviceConfig`` or the reasons it gets none.
///
/// Derivation follows the upstream controller: a device with a pathology (missing or unassigned
/// VPNv4/IPv4 loopback, exchange missing or with a community outside 10000...10999) gets no
/// config and is left out of every other device's iBGP and MSDP peer lists; every other device
/// is a peer of all, in ledger order, whatever its status.
public struct NetworkDeviceConfigs: Sendable {
    /// One device's outcome.
    public struct Entry: Sendable {
        /// The device's public key.
        public var pubkey: PublicKey
        /// The device's code.
        public var code: String
        /// Its config model, or why it has none.
        public var result: Result<DeviceConfig, DeviceConfigError>
    }

    /// Every device, in ledger order.
    public let entries: [Entry]
    /// Entry positions by public key.
    private let positionsByPubkey: [PublicKey: Int]
    /// Entry positions by lower-cased code.
    private let positionsByCode: [String: Int]

    /// Derives every device's config model from `snapshot`.
    public init(snapshot: DeviceConfigSnapshot, options: DeviceConfigOptions = DeviceConfigOptions()) {
        let exchanges = Dictionary(snapshot.exchanges.map { ($0.pubkey, $0) }, uniquingKeysWith: { first, _ in first })
        let links = LinkEndIndex(links: snapshot.links)
        let communityLists = Self.communityLists(of: snapshot.exchanges)

        // Pass 1: interfaces, loopbacks and pathologies; healthy devices become everyone's peers.
        var healthy: [PublicKey: CheckedDevice] = [:]
        var failures: [PublicKey: DeviceConfigError] = [:]
        var ipv4Peers: [IBGPPeer] = []
        var vpnv4Peers: [IBGPPeer] = []
        // Peers in ledger order (account index, then key), whatever order the snapshot lists the
        // devices in: every device's text depends on the network, never on how it was listed.
        let ledgerOrder = snapshot.devices.sorted { ($0.index, $0.pubkey) < ($1.index, $1.pubkey) }
        for device in ledgerOrder where healthy[device.pubkey] == nil && failures[device.pubkey] == nil {
            switch CheckedDevice.check(device, exchanges: exchanges, links: links) {
            case .success(let checked):
                healthy[device.pubkey] = checked
                vpnv4Peers.append(IBGPPeer(address: checked.vpnv4Loopback.address, name: device.code))
                ipv4Peers.append(IBGPPeer(address: checked.ipv4Loopback.address, name: device.code))
            case .failure(let error):
                failures[device.pubkey] = error
            }
        }

        // Pass 2: tunnels and the full model of each healthy device.
        let tunnels = UserTunnelIndex(
            users: snapshot.users, multicastGroups: snapshot.multicastGroups, slots: options.tunnelSlotIds)
        let global = snapshot.globalConfig
        var codes: [PublicKey: String] = [:]
        for device in snapshot.devices where codes[device.pubkey] == nil { codes[device.pubkey] = device.code }
        let describePeer = { (key: PublicKey) -> (code: String, ibgpPeer: IBGPPeer?) in
            let code = codes[key] ?? ""
            return (code, healthy[key].map { IBGPPeer(address: $0.ipv4Loopback.address, name: code) })
        }
        var entries: [Entry] = []
        var positionsByPubkey: [PublicKey: Int] = [:]
        var positionsByCode: [String: Int] = [:]
        for device in snapshot.devices where positionsByPubkey[device.pubkey] == nil {
            let result: Result<DeviceConfig, DeviceConfigError>
            if let checked = healthy[device.pubkey] {
                result = .success(
                    DeviceConfig(
                        pubkey: device.pubkey, code: device.code, publicIp: device.publicIp, mgmtVrf: device.mgmtVrf,
                        isDrained: device.status == .drained, interfaces: checked.interfaces,
                        vpnv4Loopback: checked.vpnv4Loopback, ipv4Loopback: checked.ipv4Loopback,
                        isisNet: DeviceConfig.isisNet(for: checked.vpnv4Loopback.address),
                        exchangeCode: checked.metroCommunityList.exchangeCode,
                        metroCommunityList: checked.metroCommunityList, communityLists: communityLists,
                        tunnels: tunnels.tunnels(of: device), unicastVrfs: [1], ipv4Peers: ipv4Peers,
                        vpnv4Peers: vpnv4Peers, multicastGroupBlock: global.multicastGroupBlock.network,
                        userTunnelBlock: global.userTunnelBlock.network,
                        deviceTunnelBlock: global.deviceTunnelBlock.network,
                        localASN: options.localASN ?? global.remoteAsn, noHardware: options.noHardware,
                        twampPort: options.twampPort, links: links.links(of: device.pubkey, peer: describePeer)))
            } else {
                result = .failure(failures[device.pubkey] ?? .unknownDevice(device.code))
            }
            positionsByPubkey[device.pubkey] = entries.count
            let code = device.code.lowercased()
            if positionsByCode[code] == nil { positionsByCode[code] = entries.count }
            entries.append(Entry(pubkey: device.pubkey, code: device.code, result: result))
        }
        self.entries = entries
        self.positionsByPubkey = positionsByPubkey
        self.positionsByCode = positionsByCode
    }

    /// The device named by `name`: its code (any case) or its base58 public key.
    ///
    /// - Throws: ``DeviceConfigError/unknownDevice(_:)``.
    public func entry(named name: String) throws(DeviceConfigError) -> Entry {
        if let position = positionsByCode[name.lowercased()] { return entries[position] }
        if let key = PublicKey(base58: name), let position = positionsByPubkey[key] { return entries[position] }
        throw .unknownDevice(name)
    }

    /// The config model of the device named by `name` (code or public key).
    ///
    /// - Throws: ``DeviceConfigError/unknownDevice(_:)``, or
    ///   ``DeviceConfigError/preconditionsFailed(device:pathologies:)`` for a device with pathologies.
    public func config(named name: String) throws(DeviceConfigError) -> DeviceConfig {
        try entry(named: name).result.get()
    }

    /// The EOS config text of the device named by `name` (code or public key).
    ///
    /// - Parameter reportedPeers: the BGP neighbours the device reports having; those it should not
    ///   have get removal blocks (see ``DeviceConfig/unknownPeers(reported:)``).
    /// - Throws: as ``config(named:)``, or ``DeviceConfigError/unsafeName(device:field:value:)``.
    public func render(_ name: String, reportedPeers: [String] = []) throws(DeviceConfigError) -> String {
        let config = try config(named: name)
        return try EOSConfigRenderer.render(config, unknownPeers: config.unknownPeers(reported: reportedPeers))
    }

    /// The FRR config text of the device named by `name` (code or public key).
    ///
    /// - Throws: as ``config(named:)``, or ``DeviceConfigError/unsafeName(device:field:value:)``.
    public func renderFRR(_ name: String) throws(DeviceConfigError) -> String {
        try FRRConfigRenderer.render(config(named: name))
    }

    /// The structured model of the device named by `name` (code or public key).
    ///
    /// - Throws: as ``config(named:)``.
    public func model(named name: String) throws(DeviceConfigError) -> DeviceModel {
        DeviceModel(try config(named: name))
    }

    /// The community list of every exchange whose community is valid, sorted by exchange code (bytewise).
    static func communityLists(of exchanges: [Exchange]) -> [MetroCommunityList] {
        exchanges.compactMap { exchange in
            guard let community = try? BGPCommunity.metro(bgpCommunity: exchange.bgpCommunity) else { return nil }
            return MetroCommunityList(exchangeCode: exchange.code, community: community)
        }
        .sorted { $0.exchangeCode.utf8.lexicographicallyPrecedes($1.exchangeCode.utf8) }
    }
}
