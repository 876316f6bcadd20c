import Models

/// What each ledger entity holds: the one place that rule is written. Rebuild
/// (``ResourcePools/init(snapshot:)``), release (`release(for:)`) and ``ResourcePools/audit(_:)``
/// all go through these functions.
///
/// An entity that is rejected holds nothing. Otherwise it holds every value it carries that is set:
///
/// - a user: its `tunnel_net` (user tunnel block), its `tunnel_id` (its device's tunnel ids) and,
///   when its `dz_ip` was allocated — set and different from its client IP — that address as a
///   /32: in the multicast publisher block for multicast users (RFC 13), in its device's
///   dz_prefixes for every other type;
/// - a link: its `tunnel_net` (device tunnel block) and `tunnel_id` (link ids);
/// - a device (not rejected): for each interface that is not rejected, a loopback's address as a
///   /32 when it lies in the device tunnel block (a supplied public address outside it is not
///   pool-managed), and any non-zero `node_segment_idx` (segment routing ids). Physical
///   interfaces' addresses are halves of their link's /31, which the link holds;
/// - a multicast group: its `multicast_ip` as a /32 (multicast group block).
extension ResourcePools {
    /// Every value held by the snapshot's entities, in ``ResourceUsage`` order.
    public func usages(in snapshot: AllocationSnapshot) -> [ResourceUsage] {
        var result: [ResourceUsage] = []
        for device in snapshot.devices { result += usages(of: device) }
        for link in snapshot.links { result += usages(of: link) }
        for user in snapshot.users { result += usages(of: user) }
        for group in snapshot.multicastGroups { result += usages(of: group) }
        return Self.sorted(result)
    }

    /// `usages` in ``ResourceUsage`` order, sorted by integer keys (each pool's rank among the
    /// pools present, then the value: a block's address and length, or an id after every block),
    /// holders compared only when pool and value tie. The same order as `sorted()`, without
    /// copying enum payloads in every comparison (a network of 10,000 users has 30,000 usages).
    static func sorted(_ usages: [ResourceUsage]) -> [ResourceUsage] {
        var rank: [ResourcePoolID: Int] = [:]
        for pool in Set(usages.map(\.pool)).sorted() { rank[pool] = rank.count }
        var keyed: [(pool: Int, value: UInt64, index: Int)] = []
        keyed.reserveCapacity(usages.count)
        for (index, usage) in usages.enumerated() {
            let value: UInt64 =
                switch usage.value {
                case .block(let block): UInt64(block.address.value) << 8 | UInt64(block.length)
                case .id(let id): 1 << 40 | UInt64(id)
                }
            keyed.append((rank[usage.pool]!, value, index))
        }
        keyed.sort { lhs, rhs in
            if lhs.pool != rhs.pool { return lhs.pool < rhs.pool }
            if lhs.value != rhs.value { return lhs.value < rhs.value }
            return usages[lhs.index].holder < usages[rhs.index].holder
        }
        return keyed.map { usages[$0.index] }
    }

    /// The values `user` holds.
    public func usages(of user: User) -> [ResourceUsage] {
        guard user.status != .rejected else { return [] }
        let holder = ResourceHolder.user(user.pubkey)
        var result: [ResourceUsage] = []
        if !user.tunnelNet.isUnset {
            result.append(ResourceUsage(pool: .userTunnelBlock, value: .block(user.tunnelNet), holder: holder))
        }
        if user.tunnelId != 0 {
            result.append(
                ResourceUsage(
                    pool: .userTunnelIDs(device: user.device), value: .id(UInt32(user.tunnelId)), holder: holder))
        }
        if !user.dzIp.isUnspecified && user.dzIp != user.clientIp {
            result.append(
                ResourceUsage(
                    pool: Self.dzIpPool(for: user), value: .block(Self.singleAddress(user.dzIp)), holder: holder))
        }
        return result
    }

    /// The values `link` holds.
    public func usages(of link: Link) -> [ResourceUsage] {
        guard link.status != .rejected else { return [] }
        let holder = ResourceHolder.link(link.pubkey)
        var result: [ResourceUsage] = []
        if !link.tunnelNet.isUnset {
            result.append(ResourceUsage(pool: .deviceTunnelBlock, value: .block(link.tunnelNet), holder: holder))
        }
        if link.tunnelId != 0 {
            result.append(ResourceUsage(pool: .linkIDs, value: .id(UInt32(link.tunnelId)), holder: holder))
        }
        return result
    }

    /// The values the interfaces of `device` hold (nothing for a rejected device).
    public func usages(of device: Device) -> [ResourceUsage] {
        guard device.status != .rejected else { return [] }
        return device.interfaces.flatMap { usages(ofInterface: $0, on: device.pubkey) }
    }

    /// The values one interface of device `device` holds.
    public func usages(ofInterface interface: DeviceInterface, on device: PublicKey) -> [ResourceUsage] {
        guard interface.status != .rejected else { return [] }
        let holder = ResourceHolder.interface(device: device, name: interface.name)
        var result: [ResourceUsage] = []
        if interface.interfaceType == .loopback, let address = interface.ipNet?.address,
            deviceTunnelBlock.contains(address)
        {
            result.append(
                ResourceUsage(pool: .deviceTunnelBlock, value: .block(Self.singleAddress(address)), holder: holder))
        }
        if interface.nodeSegmentIdx != 0 {
            result.append(
                ResourceUsage(pool: .segmentRoutingIDs, value: .id(UInt32(interface.nodeSegmentIdx)), holder: holder))
        }
        return result
    }

    /// The values `group` holds.
    public func usages(of group: MulticastGroup) -> [ResourceUsage] {
        guard group.status != .rejected, !group.multicastIp.isUnspecified else { return [] }
        return [
            ResourceUsage(
                pool: .multicastGroupBlock, value: .block(Self.singleAddress(group.multicastIp)),
                holder: .multicastGroup(group.pubkey))
        ]
    }

    /// The pool an allocated DZ IP of `user` comes from: the global multicast publisher pool for
    /// multicast users (RFC 13 — never the device's dz_prefixes), the device's dz_prefixes for
    /// the other types.
    static func dzIpPool(for user: User) -> ResourcePoolID {
        user.userType == .multicast ? .multicastPublisherBlock : .dzPrefixes(device: user.device)
    }

    /// `address` as a /32.
    static func singleAddress(_ address: IPv4Address) -> IPv4Prefix {
        IPv4Prefix(uncheckedAddress: address, length: 32)
    }
}
