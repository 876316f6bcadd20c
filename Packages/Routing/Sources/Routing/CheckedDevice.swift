import Models

/// A device that passed the controller's preconditions: its interfaces in render order, its two
/// loopbacks and its metro community. Devices that fail get ``DeviceConfigError/preconditionsFailed(device:pathologies:)``.
struct CheckedDevice: Sendable {
    var interfaces: [DeviceConfigInterface]
    var vpnv4Loopback: DeviceConfig.Loopback
    var ipv4Loopback: DeviceConfig.Loopback
    var metroCommunityList: MetroCommunityList

    /// Derives the interfaces and checks loopbacks and exchange, collecting every pathology.
    static func check(
        _ device: Device, exchanges: [PublicKey: Exchange], links: LinkEndIndex
    ) -> Result<CheckedDevice, DeviceConfigError> {
        let interfaces = configInterfaces(of: device, links: links)
        var pathologies: [DeviceConfigPathology] = []
        let sorted = device.interfaces.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

        let vpnv4 = loopback(.vpnv4, in: sorted)
        let ipv4 = loopback(.ipv4, in: sorted)
        switch vpnv4 {
        case nil: pathologies.append(.missingVPNv4Loopback)
        case (let name, nil)?: pathologies.append(.unassignedVPNv4Loopback(interface: name))
        default: break
        }
        switch ipv4 {
        case nil: pathologies.append(.missingIPv4Loopback)
        case (let name, nil)?: pathologies.append(.unassignedIPv4Loopback(interface: name))
        default: break
        }

        var metro: MetroCommunityList?
        if let exchange = exchanges[device.exchange] {
            if exchange.bgpCommunity == 0 {
                pathologies.append(.unassignedMetroCommunity(exchange: exchange.code))
            } else if let community = try? BGPCommunity.metro(bgpCommunity: exchange.bgpCommunity) {
                metro = MetroCommunityList(exchangeCode: exchange.code, community: community)
            } else {
                pathologies.append(.metroCommunityOutOfRange(exchange: exchange.code, value: exchange.bgpCommunity))
            }
        } else {
            pathologies.append(.unknownExchange(exchange: device.exchange.base58))
        }

        guard pathologies.isEmpty, let metro, case let (vpnv4Name, vpnv4Address?)? = vpnv4,
            case let (ipv4Name, ipv4Address?)? = ipv4
        else {
            return .failure(.preconditionsFailed(device: device.code, pathologies: pathologies))
        }
        return .success(
            CheckedDevice(
                interfaces: interfaces,
                vpnv4Loopback: DeviceConfig.Loopback(name: vpnv4Name, address: vpnv4Address),
                ipv4Loopback: DeviceConfig.Loopback(name: ipv4Name, address: ipv4Address),
                metroCommunityList: metro))
    }

    /// The last (by name) loopback of `type`, with its address if it has one.
    private static func loopback(
        _ type: LoopbackType, in sorted: [DeviceInterface]
    ) -> (name: String, address: IPv4Address?)? {
        guard let interface = sorted.last(where: { $0.interfaceType == .loopback && $0.loopbackType == type }) else {
            return nil
        }
        return (interface.name, address(of: interface))
    }

    /// An interface's address; `0.0.0.0` counts as none.
    private static func address(of interface: DeviceInterface) -> IPv4Address? {
        guard let net = interface.ipNet, !net.address.isUnspecified else { return nil }
        return net.address
    }

    /// The device's interfaces as rendered: onchain ones (first of duplicate names), plus a
    /// synthesised parent for each sub-interface whose parent is not onchain, sorted by name.
    static func configInterfaces(of device: Device, links: LinkEndIndex) -> [DeviceConfigInterface] {
        var names = Set<String>()
        var result: [DeviceConfigInterface] = []
        for interface in device.interfaces where names.insert(interface.name).inserted {
            let isLoopback = interface.interfaceType == .loopback
            let address = interface.ipNet.flatMap { $0.address.isUnspecified ? nil : $0 }
            result.append(
                DeviceConfigInterface(
                    name: interface.name, isLoopback: isLoopback, vlanId: interface.vlanId, address: address,
                    nodeSegmentIndex: interface.nodeSegmentIdx,
                    mtu: isLoopback
                        ? 0 : interface.isEdge ? DeviceInterface.accessMTU : DeviceInterface.standardMTU,
                    isSubInterface: parentName(ofSubInterface: interface.name) != nil,
                    isVPNv4Loopback: isLoopback && interface.loopbackType == .vpnv4, isEdge: interface.isEdge,
                    isisLink: links.isisLink(device: device.pubkey, interface: interface.name)))
        }
        var parents: [String: DeviceConfigInterface] = [:]
        for child in result {
            guard let parentName = parentName(ofSubInterface: child.name), !names.contains(parentName) else { continue }
            var parent =
                parents[parentName]
                ?? DeviceConfigInterface(name: parentName, isLoopback: child.isLoopback, isSubInterfaceParent: true)
            parent.mtu = max(parent.mtu, child.mtu)
            parents[parentName] = parent
        }
        result += parents.values
        return result.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// `Ethernet1/1` for `Ethernet1/1.100`; nil when the name has no `.<digits>` suffix.
    static func parentName(ofSubInterface name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...]
        guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(name[..<dot])
    }
}
