/// Network-wide configuration: BGP ASNs and the address blocks the activator allocates from.
public struct GlobalConfig: Hashable, Sendable, Codable {
    /// The valid ASN range for `local_asn` and `remote_asn` (0 and 4294967295 are reserved).
    public static let asnRange: ClosedRange<UInt32> = 1...4_294_967_294
    /// The default multicast publisher pool (RFC 13 as adopted by the seeds).
    public static let defaultMulticastPublisherBlock: IPv4Prefix = "147.51.126.0/23"
    /// The most interfaces a device may have while the config sets no limit of its own.
    public static let defaultMaxInterfacesPerDevice: UInt16 = 128

    /// ASN of the client side of user BGP sessions (doublezerod). Devnet: 65000.
    public var localAsn: UInt32
    /// ASN of the devices as clients see them. Devnet: 65342.
    public var remoteAsn: UInt32
    /// Pool for link /31s and loopback /32s; inside RFC 1918 space. Immutable once set.
    public var deviceTunnelBlock: IPv4Prefix
    /// Pool for user tunnel /31s; link-local. Immutable once set.
    public var userTunnelBlock: IPv4Prefix
    /// Pool for multicast group addresses; inside 224.0.0.0/4. Immutable once set.
    public var multicastGroupBlock: IPv4Prefix
    /// Global pools for multicast publishers' DZ IPs (RFC 13); ranges may be added, never removed.
    public var multicastPublisherBlocks: [IPv4Prefix]
    /// The BGP community the next exchange gets (RFC 6); 10000...10999, or 11000 when all are used.
    public var nextBgpCommunity: UInt16
    /// The most interfaces one device may have (at least 1); nil (absent from the JSON) means
    /// ``defaultMaxInterfacesPerDevice``. The limit lives in the ledger state so that replaying
    /// the log applies the limit each transaction saw. Lowering it below a device's count keeps
    /// the interfaces the device has and refuses new ones.
    public var maxInterfacesPerDevice: UInt16?

    /// Creates a configuration; the publisher pool, next community and interface limit take
    /// their defaults.
    public init(
        localAsn: UInt32, remoteAsn: UInt32, deviceTunnelBlock: IPv4Prefix, userTunnelBlock: IPv4Prefix,
        multicastGroupBlock: IPv4Prefix, multicastPublisherBlocks: [IPv4Prefix] = [defaultMulticastPublisherBlock],
        nextBgpCommunity: UInt16 = Exchange.bgpCommunityRange.lowerBound, maxInterfacesPerDevice: UInt16? = nil
    ) {
        self.localAsn = localAsn
        self.remoteAsn = remoteAsn
        self.deviceTunnelBlock = deviceTunnelBlock
        self.userTunnelBlock = userTunnelBlock
        self.multicastGroupBlock = multicastGroupBlock
        self.multicastPublisherBlocks = multicastPublisherBlocks
        self.nextBgpCommunity = nextBgpCommunity
        self.maxInterfacesPerDevice = maxInterfacesPerDevice
    }

    /// The interface limit in force: ``maxInterfacesPerDevice``, or the default when unset.
    public var interfaceLimit: Int { Int(maxInterfacesPerDevice ?? Self.defaultMaxInterfacesPerDevice) }

    /// Checks every field.
    ///
    /// - Throws: ``ProgramError`` with `InvalidLocalAsn`, `InvalidRemoteAsn`, `InvalidDeviceTunnelBlock`,
    ///   `InvalidTunnelNet`, `InvalidMulticastIp`, `InvalidDzPrefix`, `InvalidBgpCommunity` or
    ///   `InvalidArgument` (an interface limit of 0).
    public func validate() throws(ProgramError) {
        guard Self.asnRange.contains(localAsn) else {
            throw ProgramError(.invalidLocalAsn, "local_asn \(localAsn) is outside 1...4294967294", field: "local_asn")
        }
        guard Self.asnRange.contains(remoteAsn) else {
            throw ProgramError(
                .invalidRemoteAsn, "remote_asn \(remoteAsn) is outside 1...4294967294", field: "remote_asn")
        }
        guard deviceTunnelBlock.isAligned, deviceTunnelBlock.length <= 31,
            IPv4Address.privateRanges.contains(where: { $0.contains(deviceTunnelBlock) })
        else {
            throw ProgramError(
                .invalidDeviceTunnelBlock,
                "device_tunnel_block \(deviceTunnelBlock) must be an aligned RFC 1918 block of /31 or larger (link /31s must be private)",
                field: "device_tunnel_block")
        }
        guard userTunnelBlock.isAligned, userTunnelBlock.length <= 31,
            IPv4Address.linkLocalRange.contains(userTunnelBlock)
        else {
            throw ProgramError(
                .invalidTunnelNet,
                "user_tunnel_block \(userTunnelBlock) must be an aligned link-local (169.254.0.0/16) block of /31 or larger",
                field: "user_tunnel_block")
        }
        guard multicastGroupBlock.isAligned, IPv4Address.multicastRange.contains(multicastGroupBlock) else {
            throw ProgramError(
                .invalidMulticastIp,
                "multicastgroup_block \(multicastGroupBlock) must be an aligned block inside 224.0.0.0/4",
                field: "multicastgroup_block")
        }
        for block in multicastPublisherBlocks {
            guard block.isAligned, block.networkAddress.isGlobal, block.lastAddress.isGlobal else {
                throw ProgramError(
                    .invalidDzPrefix, "multicast publisher block \(block) must be an aligned, globally routable block",
                    field: "multicast_publisher_blocks")
            }
        }
        for (i, a) in multicastPublisherBlocks.enumerated() {
            for b in multicastPublisherBlocks[(i + 1)...] where a.overlaps(b) {
                throw ProgramError(
                    .invalidDzPrefix, "multicast publisher blocks \(a) and \(b) overlap",
                    field: "multicast_publisher_blocks")
            }
        }
        let range = Exchange.bgpCommunityRange
        guard range.lowerBound <= nextBgpCommunity, nextBgpCommunity <= range.upperBound + 1 else {
            throw ProgramError(
                .invalidBgpCommunity,
                "next_bgp_community \(nextBgpCommunity) is outside \(range.lowerBound)...\(range.upperBound)",
                field: "next_bgp_community")
        }
        if maxInterfacesPerDevice == 0 {
            throw ProgramError(
                .invalidArgument, "max_interfaces_per_device must be at least 1", field: "max_interfaces_per_device")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case localAsn = "local_asn"
        case remoteAsn = "remote_asn"
        case deviceTunnelBlock = "device_tunnel_block"
        case userTunnelBlock = "user_tunnel_block"
        case multicastGroupBlock = "multicastgroup_block"
        case multicastPublisherBlocks = "multicast_publisher_blocks"
        case nextBgpCommunity = "next_bgp_community"
        case maxInterfacesPerDevice = "max_interfaces_per_device"
    }
}
