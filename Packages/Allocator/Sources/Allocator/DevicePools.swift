import Models

/// The pools one device owns (serviceability §6.1): its user tunnel ids and its dz_prefixes.
public struct DevicePools: Hashable, Sendable {
    /// The per-device user tunnel ids, `[500, 4596)`.
    public static let userTunnelIDRange: Range<UInt32> = UInt32(User.firstTunnelId)..<UInt32(User.tunnelIdEnd)
    /// The offsets of each dz_prefix held back: the prefix's first address is never handed out.
    public static let reservedDzPrefixOffsets: Set<UInt32> = [0]

    /// The device's key.
    public let device: PublicKey
    /// The device's code when the pools were made (used in pool names).
    public private(set) var code: String
    /// User tunnel ids.
    public var userTunnelIDs: IDPool
    /// DZ IPs for IBRL-with-allocated-IP and edge-filtering users: /32s over the dz_prefixes in
    /// order, first address of each reserved.
    public var dzPrefixes: IPv4Pool

    /// Empty pools for `device`.
    public init(for device: Device) {
        self.device = device.pubkey
        code = device.code
        userTunnelIDs = IDPool(name: Self.userTunnelIDsName(device.code), range: Self.userTunnelIDRange)
        dzPrefixes = IPv4Pool(
            name: Self.dzPrefixesName(device.code), ranges: device.dzPrefixes,
            reservedOffsets: Self.reservedDzPrefixOffsets)
    }

    /// Follows a change of the device: new dz_prefixes re-range the DZ IP pool (keeping every
    /// allocated address that still fits), a new code renames the pools.
    ///
    /// O(dz_prefixes) when they did not change; otherwise the cost of ``IPv4Pool/reranged(to:)``.
    ///
    /// - Returns: The DZ IPs that no longer fit in the new dz_prefixes and were dropped.
    public mutating func update(to device: Device) -> [IPv4Prefix] {
        precondition(
            device.pubkey == self.device, "pools of device \(self.device) updated with device \(device.pubkey)")
        if device.code != code {
            code = device.code
            userTunnelIDs.name = Self.userTunnelIDsName(code)
            dzPrefixes.name = Self.dzPrefixesName(code)
        }
        guard device.dzPrefixes.map(\.network) != dzPrefixes.ranges else { return [] }
        let dropped: [IPv4Prefix]
        (dzPrefixes, dropped) = dzPrefixes.reranged(to: device.dzPrefixes)
        return dropped
    }

    private static func userTunnelIDsName(_ code: String) -> String { "tunnel ids of device \(code)" }
    private static func dzPrefixesName(_ code: String) -> String { "dz_prefixes of device \(code)" }
}
