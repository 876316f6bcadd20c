import Models

@testable import Routing

/// A small network built in code for the device-config tests: named keys, exchanges, devices with
/// their two loopbacks, links, users and multicast groups, kept in creation (ledger) order.
struct NetworkFixture {
    var globalConfig = GlobalConfig(
        localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16", userTunnelBlock: "169.254.0.0/16",
        multicastGroupBlock: "233.84.178.0/24")
    var exchanges: [Exchange] = []
    var devices: [Device] = []
    var links: [Link] = []
    var users: [User] = []
    var groups: [MulticastGroup] = []

    /// A deterministic key: the name's bytes, zero-padded to 32.
    static func key(_ name: String) -> PublicKey {
        var bytes = Array(name.utf8.prefix(32))
        bytes += [UInt8](repeating: 0, count: 32 - bytes.count)
        return PublicKey(uncheckedBytes: bytes)
    }

    var snapshot: DeviceConfigSnapshot {
        DeviceConfigSnapshot(
            globalConfig: globalConfig, devices: devices, links: links, users: users, exchanges: exchanges,
            multicastGroups: groups)
    }

    func configs(_ options: DeviceConfigOptions) -> NetworkDeviceConfigs {
        NetworkDeviceConfigs(snapshot: snapshot, options: options)
    }

    mutating func addExchange(_ code: String, community: UInt16) {
        exchanges.append(
            Exchange(
                pubkey: Self.key("ex-" + code), owner: Self.key("foundation"), index: UInt64(exchanges.count),
                code: code, name: code.uppercased(), latitude: 0, longitude: 0, bgpCommunity: community))
    }

    /// Adds a device with `Loopback255` (vpnv4, `172.16.0.<n>/32`, segment `n`) and `Loopback256`
    /// (ipv4, `172.16.1.<n>/32`), n = its position + 1, plus `interfaces`.
    mutating func addDevice(
        _ code: String, exchange: String, publicIp: IPv4Address, mgmtVrf: String = "",
        status: DeviceStatus = .activated, interfaces: [DeviceInterface] = [], loopbacks: Bool = true
    ) {
        let n = UInt8(devices.count + 1)
        var all = interfaces
        if loopbacks {
            all += [
                DeviceInterface(
                    name: "Loopback255", status: .activated, loopbackType: .vpnv4,
                    ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 0, n), length: 32),
                    nodeSegmentIdx: UInt16(n)),
                DeviceInterface(
                    name: "Loopback256", status: .activated, loopbackType: .ipv4,
                    ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 1, n), length: 32)),
            ]
        }
        devices.append(
            Device(
                pubkey: Self.key(code), owner: Self.key("contributor"), index: UInt64(devices.count), code: code,
                contributor: Self.key("contributor"), location: Self.key("location"),
                exchange: Self.key("ex-" + exchange), publicIp: publicIp, dzPrefixes: ["100.100.0.0/24"],
                mgmtVrf: mgmtVrf, interfaces: all, status: status))
    }

    /// A WAN link between `a:aInterface` and `z:zInterface`.
    mutating func addLink(
        _ a: String, _ aInterface: String, _ z: String, _ zInterface: String, delayNs: UInt64,
        delayOverrideNs: UInt64 = 0, status: LinkStatus = .activated
    ) {
        let n = UInt8(links.count)
        links.append(
            Link(
                pubkey: Self.key("link-\(a)-\(z)-\(n)"), owner: Self.key("contributor"), index: UInt64(links.count),
                code: "\(a):\(z)", sideA: Self.key(a), sideZ: Self.key(z), bandwidth: 10_000_000_000, delayNs: delayNs,
                jitterNs: 10_000, delayOverrideNs: delayOverrideNs, tunnelId: UInt16(n) + 1,
                tunnelNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 2, n * 2), length: 31), status: status,
                contributor: Self.key("contributor"), sideAIfaceName: aInterface, sideZIfaceName: zInterface))
    }

    mutating func addGroup(_ code: String, _ address: IPv4Address) {
        groups.append(
            MulticastGroup(
                pubkey: Self.key("mg-" + code), owner: Self.key("foundation"), index: UInt64(groups.count), code: code,
                multicastIp: address, maxBandwidth: 1_000_000_000, status: .activated))
    }

    /// Adds an activated user in slot `tunnelId` with tunnel net `169.254.<tunnelId - 500>.0/31`.
    @discardableResult
    mutating func addUser(
        _ name: String, _ type: UserType, on device: String, clientIp: IPv4Address, tunnelId: UInt16,
        dzIp: IPv4Address? = nil, tunnelEndpoint: IPv4Address = .unspecified, publishes: [String] = [],
        subscribes: [String] = [], status: UserStatus = .activated
    ) -> PublicKey {
        let key = Self.key("user-" + name)
        let third = UInt8(truncatingIfNeeded: tunnelId - 500)
        users.append(
            User(
                pubkey: key, owner: Self.key("client-" + name), userType: type, device: Self.key(device),
                clientIp: clientIp, dzIp: dzIp ?? clientIp, tunnelId: tunnelId,
                tunnelNet: IPv4Prefix(uncheckedAddress: IPv4Address(169, 254, third, 0), length: 31),
                tunnelEndpoint: tunnelEndpoint, status: status, publishers: publishes.map { Self.key("mg-" + $0) },
                subscribers: subscribes.map { Self.key("mg-" + $0) }))
        return key
    }

    /// Three metros (xewr 10001, xlax 10000, xams 10002) with a device each, linked in a line;
    /// ny5-dz01 has links on Ethernet1 and Ethernet2 and a management VRF.
    static func threeMetros() -> NetworkFixture {
        var network = NetworkFixture()
        network.addExchange("xlax", community: 10000)
        network.addExchange("xewr", community: 10001)
        network.addExchange("xams", community: 10002)
        network.addDevice(
            "ny5-dz01", exchange: "xewr", publicIp: "64.86.249.80", mgmtVrf: "mgmt",
            interfaces: [
                DeviceInterface(name: "Ethernet2", status: .activated, ipNet: "172.16.2.2/31"),
                DeviceInterface(name: "Ethernet1", status: .activated, ipNet: "172.16.2.0/31"),
                DeviceInterface(
                    name: "Ethernet3", status: .activated, cyoa: .greOverDIA, bandwidth: 10_000_000_000,
                    ipNet: "64.86.249.81/29"),
            ])
        network.addDevice(
            "la2-dz01", exchange: "xlax", publicIp: "45.33.100.10",
            interfaces: [DeviceInterface(name: "Ethernet1", status: .activated, ipNet: "172.16.2.1/31")])
        network.addDevice(
            "ams-dz001", exchange: "xams", publicIp: "185.20.10.10",
            interfaces: [DeviceInterface(name: "Ethernet1", status: .activated, ipNet: "172.16.2.3/31")])
        network.addLink("ny5-dz01", "Ethernet1", "la2-dz01", "Ethernet1", delayNs: 40_000_000)
        network.addLink("ny5-dz01", "Ethernet2", "ams-dz001", "Ethernet1", delayNs: 35_500_500)
        return network
    }
}
