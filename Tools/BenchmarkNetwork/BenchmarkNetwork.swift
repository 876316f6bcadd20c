import Models
import Routing

/// The benchmarks' network, built in memory: `devices` devices spread over 10 exchanges, each with
/// two loopbacks, a CYOA port and four WAN links (a ring plus chords), and `usersPerDevice` users
/// each, half unicast and half multicast (RFC 13's default per-type limit is 48 + 48; devices get
/// `maxUsersPerType` and counters matching their users), the multicast half alternating
/// publishers and subscribers over 8 groups. Shared by controller-bench and monitor-bench.
public enum BenchmarkNetwork {
    /// A key of `kind` numbered `number`.
    public static func key(_ kind: UInt8, _ number: Int) -> PublicKey {
        var bytes = [UInt8](repeating: 0, count: 32)
        bytes[0] = kind
        bytes[1] = UInt8(truncatingIfNeeded: number >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: number >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: number)
        return PublicKey(uncheckedBytes: bytes)
    }

    /// The network as the controller's snapshot.
    public static func snapshot(
        devices deviceCount: Int, usersPerDevice: Int, maxUsersPerType: UInt16 = Device.defaultMaxUsersPerType
    ) -> DeviceConfigSnapshot {
        let global = GlobalConfig(
            localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/12", userTunnelBlock: "169.254.0.0/16",
            multicastGroupBlock: "233.84.178.0/24", multicastPublisherBlocks: ["147.51.0.0/16"])
        let owner = key(0xF0, 0)
        let exchanges = (0..<10).map { number in
            Exchange(
                pubkey: key(1, number), owner: owner, index: UInt64(number), code: "x\(number)m",
                name: "metro \(number)",
                latitude: 0, longitude: 0, bgpCommunity: 10000 + UInt16(number))
        }
        let groups = (0..<8).map { number in
            MulticastGroup(
                pubkey: key(2, number), owner: owner, index: UInt64(number), code: "mg\(number)",
                multicastIp: IPv4Address(233, 84, 178, UInt8(number)), maxBandwidth: 1_000_000_000, status: .activated)
        }
        // Ring links (i, i+1) and chords (i, i+7): four link ends per device.
        var linkEnds = [[(interface: String, address: IPv4Prefix)]](repeating: [], count: deviceCount)
        var links: [Link] = []
        for (step, sideOffset) in [(1, 0), (7, 1)] {
            for a in 0..<deviceCount {
                let z = (a + step) % deviceCount
                let number = links.count
                let base = IPv4Address(172, 20, UInt8(number / 128), UInt8(number % 128 * 2))
                let aInterface = "Ethernet\(1 + sideOffset * 2)/1"
                let zInterface = "Ethernet\(2 + sideOffset * 2)/1"
                linkEnds[a].append((aInterface, IPv4Prefix(uncheckedAddress: base, length: 31)))
                linkEnds[z].append((zInterface, IPv4Prefix(uncheckedAddress: base.advanced(by: 1)!, length: 31)))
                links.append(
                    Link(
                        pubkey: key(3, number), owner: owner, index: UInt64(number), code: "l\(number)",
                        sideA: key(4, a), sideZ: key(4, z), bandwidth: 10_000_000_000,
                        delayNs: UInt64(1_000_000 + number * 1_000), jitterNs: 10_000, tunnelId: UInt16(number + 1),
                        tunnelNet: IPv4Prefix(uncheckedAddress: base, length: 31),
                        status: number % 17 == 0 ? .softDrained : number % 23 == 0 ? .hardDrained : .activated,
                        contributor: owner, sideAIfaceName: aInterface, sideZIfaceName: zInterface))
            }
        }
        var devices: [Device] = []
        var users: [User] = []
        for d in 0..<deviceCount {
            let publicIp = IPv4Address(45, 0, UInt8(d), 1)
            var interfaces = linkEnds[d].map {
                DeviceInterface(name: $0.interface, status: .activated, ipNet: $0.address)
            }
            interfaces += [
                DeviceInterface(
                    name: "Ethernet9/1", status: .unlinked, cyoa: .greOverDIA, bandwidth: 10_000_000_000,
                    ipNet: IPv4Prefix(uncheckedAddress: publicIp, length: 29)),
                DeviceInterface(
                    name: "Loopback100", status: .activated,
                    ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(45, 1, UInt8(d), 1), length: 32),
                    userTunnelEndpoint: true),
                DeviceInterface(
                    name: "Loopback255", status: .activated, loopbackType: .vpnv4,
                    ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 0, UInt8(d)), length: 32),
                    nodeSegmentIdx: UInt16(d + 1)),
                DeviceInterface(
                    name: "Loopback256", status: .activated, loopbackType: .ipv4,
                    ipNet: IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 1, UInt8(d)), length: 32)),
            ]
            devices.append(
                Device(
                    pubkey: key(4, d), owner: owner, index: UInt64(d), code: "dz\(d)", contributor: owner,
                    location: owner, exchange: exchanges[d % exchanges.count].pubkey, publicIp: publicIp,
                    dzPrefixes: [IPv4Prefix(uncheckedAddress: IPv4Address(46, 0, UInt8(d), 0), length: 29)],
                    mgmtVrf: "mgmt", interfaces: interfaces, status: d == 0 ? .drained : .activated,
                    maxUnicastUsers: maxUsersPerType, maxMulticastUsers: maxUsersPerType,
                    unicastUsersCount: UInt16((usersPerDevice + 1) / 2), multicastUsersCount: UInt16(usersPerDevice / 2)
                ))
            for u in 0..<usersPerDevice {
                let number = d * usersPerDevice + u
                let multicast = u % 2 == 1
                let client = IPv4Address(
                    47, UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF))
                let publishes = multicast && u % 4 == 1
                users.append(
                    User(
                        pubkey: key(5, number), owner: owner, userType: multicast ? .multicast : .ibrl,
                        device: key(4, d), clientIp: client,
                        dzIp: publishes
                            ? IPv4Address(147, 51, UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF)) : client,
                        tunnelId: DeviceConfigOptions.firstTunnelSlot + UInt16(u),
                        tunnelNet: IPv4Prefix(
                            uncheckedAddress: IPv4Address(
                                169, 254, UInt8((number * 2) >> 8 & 0xFF), UInt8((number * 2) & 0xFF)),
                            length: 31),
                        tunnelEndpoint: multicast ? IPv4Address(45, 1, UInt8(d), 1) : .unspecified,
                        status: .activated, publishers: publishes ? [groups[u % 8].pubkey] : [],
                        subscribers: multicast ? [groups[(u + 1) % 8].pubkey, groups[(u + 3) % 8].pubkey] : []))
            }
        }
        return DeviceConfigSnapshot(
            globalConfig: global, devices: devices, links: links, users: users, exchanges: exchanges,
            multicastGroups: groups)
    }
}
