import Models

@testable import Allocator

/// Small builders for ledger entities, so tests say only what matters to them.
enum EntityFixtures {
    /// A deterministic key from one byte.
    static func key(_ byte: UInt8) -> PublicKey {
        PublicKey(uncheckedBytes: [UInt8](repeating: byte, count: PublicKey.byteCount))
    }

    /// The devnet blocks, with two publisher ranges (RFC 13 lets ranges be added).
    static func config(
        deviceTunnelBlock: IPv4Prefix = "172.16.0.0/16", userTunnelBlock: IPv4Prefix = "169.254.0.0/16",
        multicastGroupBlock: IPv4Prefix = "233.84.178.0/24",
        publisherBlocks: [IPv4Prefix] = ["147.51.126.0/23", "148.51.120.0/21"]
    ) -> GlobalConfig {
        GlobalConfig(
            localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: deviceTunnelBlock, userTunnelBlock: userTunnelBlock,
            multicastGroupBlock: multicastGroupBlock, multicastPublisherBlocks: publisherBlocks)
    }

    static func device(
        _ byte: UInt8, code: String? = nil, dzPrefixes: [IPv4Prefix] = ["100.100.0.0/29"],
        interfaces: [DeviceInterface] = [], status: DeviceStatus = .activated
    ) -> Device {
        Device(
            pubkey: key(byte), owner: key(200), index: UInt64(byte), code: code ?? "dz\(byte)", contributor: key(201),
            location: key(202), exchange: key(203), publicIp: IPv4Address(1, 1, 1, byte), dzPrefixes: dzPrefixes,
            interfaces: interfaces, status: status)
    }

    static func user(
        _ byte: UInt8, _ type: UserType, on device: PublicKey, clientIp: IPv4Address? = nil,
        dzIp: IPv4Address = .unspecified, tunnelId: UInt16 = 0, tunnelNet: IPv4Prefix = .unset,
        status: UserStatus = .pending, publishes: Bool = false, subscribes: Bool = false
    ) -> User {
        User(
            pubkey: key(byte), owner: key(byte), userType: type, device: device,
            clientIp: clientIp ?? IPv4Address(8, 8, 0, byte), dzIp: dzIp, tunnelId: tunnelId, tunnelNet: tunnelNet,
            status: status, publishers: publishes ? [key(150)] : [], subscribers: subscribes ? [key(150)] : [])
    }

    static func link(
        _ byte: UInt8, tunnelId: UInt16 = 0, tunnelNet: IPv4Prefix = .unset, status: LinkStatus = .pending
    ) -> Link {
        Link(
            pubkey: key(byte), owner: key(200), index: UInt64(byte), code: "link\(byte)", sideA: key(1), sideZ: key(2),
            bandwidth: 10_000_000_000, delayNs: 10_000, jitterNs: 10_000, tunnelId: tunnelId, tunnelNet: tunnelNet,
            status: status, contributor: key(201), sideAIfaceName: "Ethernet1", sideZIfaceName: "Ethernet1")
    }

    static func loopback(
        _ name: String = "Loopback255", type: LoopbackType = .vpnv4, ipNet: IPv4Prefix? = nil,
        nodeSegmentIdx: UInt16 = 0, status: InterfaceStatus = .pending
    ) -> DeviceInterface {
        DeviceInterface(
            name: name, status: status, loopbackType: type, ipNet: ipNet, nodeSegmentIdx: nodeSegmentIdx)
    }

    static func group(_ byte: UInt8, multicastIp: IPv4Address = .unspecified, status: MulticastGroupStatus = .pending)
        -> MulticastGroup
    {
        MulticastGroup(
            pubkey: key(byte), owner: key(200), index: UInt64(byte), code: "mg\(byte)", multicastIp: multicastIp,
            maxBandwidth: 1_000_000, status: status)
    }
}
