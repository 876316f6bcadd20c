import FuzzSupport
import Models
import Routing

/// The entities of a ``FuzzedNetwork``, each read from the input.
extension FuzzedNetwork {
    /// An exchange with a metro community in range.
    static func exchange(number: Int, _ input: inout FuzzInput) -> Exchange {
        Exchange(
            pubkey: key(1, number), owner: owner, index: UInt64(number), code: code("x\(number)m", &input),
            name: "metro \(number)", latitude: Double(input.int(in: 0...180)) - 90, longitude: 0,
            bgpCommunity: Exchange.bgpCommunityRange.lowerBound + input.uint16() % 1000)
    }

    /// A multicast group in or out of the global block, with or without its address.
    static func group(number: Int, _ input: inout FuzzInput) -> MulticastGroup {
        let status = input.element(of: MulticastGroupStatus.allCases)
        let address = input.element(of: [IPv4Address(233, 84, 178, input.byte()), IPv4Address(239, 1, 1, input.byte())])
        return MulticastGroup(
            pubkey: key(2, number), owner: owner, index: UInt64(number), code: code("mg\(number)", &input),
            multicastIp: status == .activated || input.bool() ? address : .unspecified, maxBandwidth: 1_000_000_000,
            status: status)
    }

    /// A link between two of the `devices` devices (nil when both ends fall on one), on interfaces
    /// `Ethernet1/1`–`Ethernet4/1` (sub-interfaces sometimes), with a /31 when its status needs one.
    static func link(number: Int, devices: Int, _ input: inout FuzzInput) -> Link? {
        let sideA = input.int(in: 0...(devices - 1))
        let sideZ = input.int(in: 0...(devices - 1))
        guard sideA != sideZ else { return nil }
        let status = input.element(of: LinkStatus.allCases)
        let allocated = [.activated, .softDrained, .hardDrained].contains(status) || input.bool()
        let net = IPv4Prefix(uncheckedAddress: IPv4Address(172, 20, UInt8(number), input.byte() & 0xFE), length: 31)
        return Link(
            pubkey: key(3, number), owner: owner, index: UInt64(number), code: code("l\(number)", &input).lowercased(),
            sideA: key(4, sideA), sideZ: key(4, sideZ), linkType: input.element(of: LinkType.allCases),
            bandwidth: 10_000_000_000, delayNs: 10_000 + UInt64(input.uint16()) * 1_000, jitterNs: 10_000,
            delayOverrideNs: input.bool() ? 0 : 20_000, tunnelId: allocated ? UInt16(number + 1) : 0,
            tunnelNet: allocated ? net : .unset, status: status, contributor: owner,
            sideAIfaceName: interfaceName(&input), sideZIfaceName: input.bool() ? interfaceName(&input) : "")
    }

    /// `Ethernet1/1`–`Ethernet4/1`, or a VLAN sub-interface of one.
    static func interfaceName(_ input: inout FuzzInput) -> String {
        "Ethernet\(input.int(in: 1...4))/1" + (input.int(in: 0...3) == 0 ? ".\(input.int(in: 1...9) * 100)" : "")
    }

    /// A device of `exchanges` (or of none it knows, sometimes), with its loopbacks (one may be
    /// missing or unassigned), an interface with the right address for each end of `links` on it,
    /// an access port and a user-tunnel-endpoint loopback.
    static func device(number: Int, exchanges: [Exchange], links: [Link], _ input: inout FuzzInput) -> Device {
        let pubkey = key(4, number)
        let publicIp = IPv4Address(45, 0, UInt8(number), 1)
        var interfaces: [DeviceInterface] = []
        for (name, type, address) in [
            ("Loopback255", LoopbackType.vpnv4, IPv4Address(172, 16, 0, UInt8(number))),
            ("Loopback256", .ipv4, IPv4Address(172, 16, 1, UInt8(number))),
        ] {
            switch input.int(in: 0...7) {
            case 0: continue  // missing
            case 1: interfaces.append(DeviceInterface(name: name, status: .pending, loopbackType: type))
            default:
                interfaces.append(
                    DeviceInterface(
                        name: name, status: .activated, loopbackType: type,
                        ipNet: IPv4Prefix(uncheckedAddress: address, length: 32),
                        nodeSegmentIdx: type == .vpnv4 ? UInt16(number + 1) : 0))
            }
        }
        for link in links where !link.tunnelNet.isUnset {
            guard let halves = link.tunnelNet.halves else { continue }
            let ends = [
                (link.sideA, link.sideAIfaceName, halves.lower), (link.sideZ, link.sideZIfaceName, halves.upper),
            ]
            for (side, name, address) in ends
            where side == pubkey && !name.isEmpty && !interfaces.contains(where: { $0.name == name }) {
                interfaces.append(
                    DeviceInterface(
                        name: name, status: input.element(of: InterfaceStatus.allCases),
                        vlanId: name.contains(".") ? UInt16(input.int(in: 1...200)) : 0,
                        ipNet: IPv4Prefix(uncheckedAddress: address, length: 31)))
            }
        }
        if input.bool() {
            interfaces.append(
                DeviceInterface(
                    name: "Ethernet9/1", status: .unlinked,
                    cyoa: input.element(of: CYOAType.allCases.filter { $0 != .none }),
                    bandwidth: 10_000_000_000, ipNet: IPv4Prefix(uncheckedAddress: publicIp, length: 29)))
        }
        if input.bool() {
            interfaces.append(
                DeviceInterface(
                    name: "Loopback100", status: input.element(of: [.activated, .pending]),
                    ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(45, 1, UInt8(number), 1), length: 32),
                    userTunnelEndpoint: true))
        }
        let exchange = input.int(in: 0...7) == 0 ? key(1, 200) : input.element(of: exchanges).pubkey
        return Device(
            pubkey: pubkey, owner: owner, index: UInt64(input.byte()), code: code("dz\(number)", &input).lowercased(),
            contributor: owner, location: owner, exchange: exchange, publicIp: publicIp,
            dzPrefixes: [IPv4Prefix(uncheckedAddress: IPv4Address(46, 0, UInt8(number), 0), length: 29)],
            mgmtVrf: input.element(of: ["", "mgmt", "default"]), interfaces: interfaces,
            status: input.element(of: DeviceStatus.allCases))
    }

    /// A user on one of `devices`, usually activated with a slot in the rendered range, a /31 of
    /// the user tunnel block and, for multicast, some of `groups`.
    static func user(number: Int, devices: [Device], groups: [MulticastGroup], _ input: inout FuzzInput) -> User {
        let device = input.element(of: devices)
        let userType = input.element(of: UserType.allCases)
        let client = IPv4Address(47, 0, UInt8(number), input.byte() | 1)
        let publishes = userType == .multicast && !groups.isEmpty && input.bool()
        let subscribes = userType == .multicast && !groups.isEmpty && input.bool()
        let status: UserStatus = input.int(in: 0...3) == 0 ? input.element(of: UserStatus.allCases) : .activated
        let endpoint = input.element(of: [
            IPv4Address.unspecified, device.publicIp, IPv4Address(45, 1, UInt8(number), 1),
        ])
        return User(
            pubkey: key(5, number), owner: owner, userType: userType, device: device.pubkey, clientIp: client,
            dzIp: publishes || input.bool() ? IPv4Address(147, 51, 0, UInt8(number)) : client,
            tunnelId: User.firstTunnelId + UInt16(input.int(in: 0...140)),
            tunnelNet: IPv4Prefix(
                uncheckedAddress: IPv4Address(169, 254, UInt8(number), input.byte() & 0xFE), length: 31),
            tunnelEndpoint: endpoint, status: status,
            publishers: publishes ? [input.element(of: groups).pubkey] : [],
            subscribers: subscribes ? [input.element(of: groups).pubkey] : [])
    }
}
