import Models

/// Every pool the activator allocates from (serviceability §6.1), rebuilt from the ledger's
/// entities at start-up and kept in step as it activates, rejects and closes them.
///
/// | pool | range | unit | holders |
/// |---|---|---|---|
/// | device tunnel block | `GlobalConfig.device_tunnel_block` | /31 links, /32 loopbacks (one bitmap) | links, loopbacks |
/// | user tunnel block | `GlobalConfig.user_tunnel_block` | /31 | users |
/// | multicast group block | `GlobalConfig.multicastgroup_block` | /32 | multicast groups |
/// | multicast publisher block | `GlobalConfig.multicast_publisher_blocks` (several ranges) | /32 | multicast publishers' DZ IPs (RFC 13) |
/// | link ids | `[1, 1025)` | id | links |
/// | segment routing ids | `[1, 65535)` | id | VPNv4 loopbacks |
/// | tunnel ids of a device | `[500, 4596)` | id | the device's users |
/// | dz_prefixes of a device | the device's dz_prefixes, first address of each reserved | /32 | IBRL-with-allocated-IP and edge-filtering users' DZ IPs |
///
/// **What is held.** Every entity that is not rejected holds the values it carries (unset values
/// — `0.0.0.0/0`, `0.0.0.0`, id 0 — hold nothing): pending entities normally carry nothing yet,
/// but a pending user re-activated after gaining a publisher role keeps its tunnel; activated,
/// drained, suspended, deleting and banned ones hold what they carry (the ledger clears a banned
/// or rejected user's values). Entities closed by the ledger are gone from the snapshot. The
/// exact rule per entity is in `ResourcePools+Usage.swift`, and rebuild, release and audit all go
/// through it.
///
/// **All or nothing.** Each `allocate(for:)` either returns every value the entity needs or
/// throws and leaves the pools as they were (what it took before the failing pool is released).
/// The activator writes the values into the Activate instruction; if the ledger refuses it, the
/// activator gives them back with ``release(_:)`` and the allocation's `acquired` usages.
///
/// **Costs.** Each allocation or release is a handful of pool operations — O(log64 W) per IP
/// pool operation (W = words of the pool's largest range), O(1) amortised per ID pool operation —
/// plus O(1) hash lookups for per-device pools. Rebuilding from a snapshot holding U values is
/// O(U log U + U · log64 W) plus per-device pool creation; an audit is O(U log U + allocated values).
public struct ResourcePools: Sendable {
    /// Link tunnel ids: `[1, 1025)` (`Link.maxTunnelId` is 1024; 0 means unset).
    public static let linkIDRange: Range<UInt32> = 1..<(UInt32(Link.maxTunnelId) + 1)
    /// Segment-routing node ids: `[1, 65535)`.
    public static let segmentRoutingIDRange: Range<UInt32> = 1..<65535

    /// Link /31s and loopback /32s.
    public private(set) var deviceTunnelBlock: IPv4Pool
    /// User tunnel /31s.
    public private(set) var userTunnelBlock: IPv4Pool
    /// Multicast group addresses.
    public private(set) var multicastGroupBlock: IPv4Pool
    /// Multicast publishers' DZ IPs, over every publisher range in order (RFC 13).
    public private(set) var multicastPublisherBlock: IPv4Pool
    /// Link tunnel ids.
    public private(set) var linkIDs: IDPool
    /// Segment-routing node ids.
    public private(set) var segmentRoutingIDs: IDPool
    /// Per-device pools, by device key.
    public private(set) var devices: [PublicKey: DevicePools] = [:]

    /// Empty global pools for `globalConfig`, and no device pools.
    public init(globalConfig: GlobalConfig) {
        deviceTunnelBlock = IPv4Pool(name: "device tunnel block", ranges: [globalConfig.deviceTunnelBlock])
        userTunnelBlock = IPv4Pool(name: "user tunnel block", ranges: [globalConfig.userTunnelBlock])
        multicastGroupBlock = IPv4Pool(name: "multicast group block", ranges: [globalConfig.multicastGroupBlock])
        multicastPublisherBlock = IPv4Pool(
            name: "multicast publisher block", ranges: globalConfig.multicastPublisherBlocks)
        linkIDs = IDPool(name: "link ids", range: Self.linkIDRange)
        segmentRoutingIDs = IDPool(name: "segment routing ids", range: Self.segmentRoutingIDRange)
    }

    /// Rebuilds every pool from the entities of a snapshot (the activator's start-up, §10.3).
    ///
    /// Pools are made for every device that is not rejected, then every value the snapshot's
    /// entities hold is marked allocated. Rebuilding never fails: a value outside its pool, or
    /// held twice, is skipped or marked once — marking it is what keeps it from being handed out
    /// again — and ``audit(_:)`` on the result lists every such disagreement.
    public init(snapshot: AllocationSnapshot) {
        self.init(globalConfig: snapshot.globalConfig)
        for device in snapshot.devices {
            updateDevice(device)
        }
        for usage in usages(in: snapshot) {
            try? hold(usage)
        }
    }

    /// Rebuilds the pools from `snapshot` (as ``init(snapshot:)``) and audits them against it
    /// (as ``audit(_:)``), working out what the entities hold once for both: what a monitor runs
    /// on every change.
    public static func rebuiltAndAudited(_ snapshot: AllocationSnapshot) -> (
        pools: ResourcePools, findings: [AllocationFinding]
    ) {
        var pools = ResourcePools(globalConfig: snapshot.globalConfig)
        for device in snapshot.devices {
            pools.updateDevice(device)
        }
        let usages = pools.usages(in: snapshot)
        for usage in usages {
            try? pools.hold(usage)
        }
        return (pools, pools.audit(sortedUsages: usages))
    }

    /// Every pool's id, in ``ResourcePoolID`` order.
    public var poolIDs: [ResourcePoolID] {
        let global: [ResourcePoolID] = [
            .deviceTunnelBlock, .userTunnelBlock, .multicastGroupBlock, .multicastPublisherBlock, .linkIDs,
            .segmentRoutingIDs,
        ]
        return global + devices.keys.sorted().flatMap { [.userTunnelIDs(device: $0), .dzPrefixes(device: $0)] }
    }

    /// The IP pool `id` names, if it exists and holds addresses.
    public func addressPool(_ id: ResourcePoolID) -> IPv4Pool? {
        switch id {
        case .deviceTunnelBlock: deviceTunnelBlock
        case .userTunnelBlock: userTunnelBlock
        case .multicastGroupBlock: multicastGroupBlock
        case .multicastPublisherBlock: multicastPublisherBlock
        case .dzPrefixes(let device): devices[device]?.dzPrefixes
        case .linkIDs, .segmentRoutingIDs, .userTunnelIDs: nil
        }
    }

    /// The ID pool `id` names, if it exists and holds ids.
    public func idPool(_ id: ResourcePoolID) -> IDPool? {
        switch id {
        case .linkIDs: linkIDs
        case .segmentRoutingIDs: segmentRoutingIDs
        case .userTunnelIDs(let device): devices[device]?.userTunnelIDs
        case .deviceTunnelBlock, .userTunnelBlock, .multicastGroupBlock, .multicastPublisherBlock, .dzPrefixes: nil
        }
    }

    /// How full pool `id` is, if it exists (addresses for IP pools, ids for ID pools).
    public func utilisation(of id: ResourcePoolID) -> PoolUtilisation? {
        addressPool(id)?.utilisation ?? idPool(id)?.utilisation
    }

    /// Creates or follows the pools of `device`: a new device gets empty pools; new dz_prefixes
    /// re-range its DZ IP pool; a rejected device has none (they are removed).
    ///
    /// - Returns: The DZ IPs dropped because they no longer fit the device's dz_prefixes (or, for
    ///   a rejected device, every DZ IP its pool held).
    @discardableResult
    public mutating func updateDevice(_ device: Device) -> [IPv4Prefix] {
        guard device.status != .rejected else {
            return removeDevice(device.pubkey)?.dzPrefixes.allocatedBlocks ?? []
        }
        guard devices[device.pubkey] != nil else {
            devices[device.pubkey] = DevicePools(for: device)
            return []
        }
        return devices[device.pubkey]!.update(to: device)
    }

    /// Drops the pools of a device the ledger closed.
    ///
    /// - Returns: The pools removed, if the device had any.
    @discardableResult
    public mutating func removeDevice(_ device: PublicKey) -> DevicePools? {
        devices.removeValue(forKey: device)
    }

    /// Follows a change of global config: each IP pool is re-ranged to its block(s), keeping every
    /// allocated block that still fits (publisher ranges may be added; the other blocks are
    /// immutable once set, so normally only the publisher pool changes).
    ///
    /// - Returns: The blocks dropped because they no longer fit, by pool.
    @discardableResult
    public mutating func updateGlobalConfig(_ config: GlobalConfig) -> [ResourcePoolID: [IPv4Prefix]] {
        var dropped: [ResourcePoolID: [IPv4Prefix]] = [:]
        func follow(_ pool: inout IPv4Pool, _ id: ResourcePoolID, _ ranges: [IPv4Prefix]) {
            guard ranges.map(\.network) != pool.ranges else { return }
            let lost: [IPv4Prefix]
            (pool, lost) = pool.reranged(to: ranges)
            if !lost.isEmpty { dropped[id] = lost }
        }
        follow(&deviceTunnelBlock, .deviceTunnelBlock, [config.deviceTunnelBlock])
        follow(&userTunnelBlock, .userTunnelBlock, [config.userTunnelBlock])
        follow(&multicastGroupBlock, .multicastGroupBlock, [config.multicastGroupBlock])
        follow(&multicastPublisherBlock, .multicastPublisherBlock, config.multicastPublisherBlocks)
        return dropped
    }

    /// Whether pool `usage.pool` has exactly `usage.value` allocated.
    public func isHeld(_ usage: ResourceUsage) -> Bool {
        switch usage.value {
        case .block(let block): addressPool(usage.pool)?.isAllocated(block) ?? false
        case .id(let id): idPool(usage.pool)?.isAllocated(id) ?? false
        }
    }

    /// Marks `usage.value` allocated in its pool.
    ///
    /// - Throws: ``AllocationError``: whatever the pool's `reserve` throws, or
    ///   ``AllocationError/Reason/unknownPool`` when the pool does not exist.
    public mutating func hold(_ usage: ResourceUsage) throws(AllocationError) {
        switch usage.value {
        case .block(let block):
            try withAddressPool(usage.pool) { pool throws(AllocationError) in try pool.reserve(block) }
        case .id(let id): try withIDPool(usage.pool) { pool throws(AllocationError) in try pool.reserve(id) }
        }
    }

    /// Frees `usage.value` in its pool (an IP block only if exactly that block is allocated).
    /// Idempotent; a missing pool is a no-op.
    ///
    /// - Returns: Whether the value was allocated.
    @discardableResult
    public mutating func release(_ usage: ResourceUsage) -> Bool {
        switch usage.value {
        case .block(let block): (try? withAddressPool(usage.pool) { $0.release(block) }) ?? false
        case .id(let id): (try? withIDPool(usage.pool) { $0.release(id) }) ?? false
        }
    }

    /// Frees every usage in `usages` (for example an allocation's `acquired` values after the
    /// ledger refused the Activate).
    ///
    /// - Returns: The usages that were allocated and are now free.
    @discardableResult
    public mutating func release(_ usages: some Sequence<ResourceUsage>) -> [ResourceUsage] {
        usages.filter { release($0) }
    }

    /// Allocates the lowest free block of `length` in pool `id`.
    mutating func allocateBlock(length: UInt8, in id: ResourcePoolID) throws(AllocationError) -> IPv4Prefix {
        try withAddressPool(id) { pool throws(AllocationError) in try pool.allocate(length: length) }
    }

    /// Allocates the lowest free id in pool `id`.
    mutating func allocateID(in id: ResourcePoolID) throws(AllocationError) -> UInt32 {
        try withIDPool(id) { pool throws(AllocationError) in try pool.allocate() }
    }

    /// Runs `body` on the IP pool `id` names, in place.
    private mutating func withAddressPool<T>(
        _ id: ResourcePoolID, _ body: (inout IPv4Pool) throws(AllocationError) -> T
    ) throws(AllocationError) -> T {
        switch id {
        case .deviceTunnelBlock: return try body(&deviceTunnelBlock)
        case .userTunnelBlock: return try body(&userTunnelBlock)
        case .multicastGroupBlock: return try body(&multicastGroupBlock)
        case .multicastPublisherBlock: return try body(&multicastPublisherBlock)
        case .dzPrefixes(let device) where devices[device] != nil: return try body(&devices[device]!.dzPrefixes)
        default: throw AllocationError(.unknownPool, pool: id.description, bounds: "")
        }
    }

    /// Runs `body` on the ID pool `id` names, in place.
    private mutating func withIDPool<T>(
        _ id: ResourcePoolID, _ body: (inout IDPool) throws(AllocationError) -> T
    ) throws(AllocationError) -> T {
        switch id {
        case .linkIDs: return try body(&linkIDs)
        case .segmentRoutingIDs: return try body(&segmentRoutingIDs)
        case .userTunnelIDs(let device) where devices[device] != nil: return try body(&devices[device]!.userTunnelIDs)
        default: throw AllocationError(.unknownPool, pool: id.description, bounds: "")
        }
    }
}

extension ResourcePools: Hashable {}
