import Models

/// Allocation and release for users (serviceability §6.4–6.5, RFC 13).
extension ResourcePools {
    /// Allocates what pending `user` still lacks, all or nothing.
    ///
    /// - `tunnel_net`: the lowest free /31 of the user tunnel block, unless already set;
    /// - `tunnel_id`: the lowest free id of the device's tunnel ids (from 500), unless already set;
    /// - `dz_ip`: IBRL users and multicast users that publish nothing use their client IP;
    ///   IBRL-with-allocated-IP and edge-filtering users get the lowest free /32 over the
    ///   device's dz_prefixes in order (first address of each reserved); multicast publishers get
    ///   the lowest free /32 of the global publisher pool — never the device's prefixes (RFC 13).
    ///   A DZ IP already allocated (set and not the client IP) is kept.
    ///
    /// Values the user already carries are assumed held (the rebuild marks them). Per-type device
    /// limits are the ledger's business, not the pools'.
    ///
    /// - Throws: ``AllocationError``: ``AllocationError/Reason/exhausted`` naming the pool that ran
    ///   out (its ``AllocationError/summary`` reads `"pool exhausted: user tunnel block
    ///   169.254.0.0/16"`), or ``AllocationError/Reason/unknownPool`` for a device without pools.
    ///   Nothing is taken when it throws.
    public mutating func allocate(for user: User) throws(AllocationError) -> UserAllocation {
        try allOrNothing { pools, acquired throws(AllocationError) in
            let holder = ResourceHolder.user(user.pubkey)
            var tunnelNet = user.tunnelNet
            if tunnelNet.isUnset {
                tunnelNet = try pools.takeBlock(length: 31, in: .userTunnelBlock, for: holder, recordingIn: &acquired)
            }
            var tunnelId = user.tunnelId
            if tunnelId == 0 {
                let id = try pools.takeID(in: .userTunnelIDs(device: user.device), for: holder, recordingIn: &acquired)
                tunnelId = UInt16(id)
            }
            var dzIp = user.clientIp
            if user.needsAllocatedDzIp {
                if user.dzIp.isUnspecified || user.dzIp == user.clientIp {
                    dzIp = try pools.takeBlock(
                        length: 32, in: Self.dzIpPool(for: user), for: holder, recordingIn: &acquired
                    ).address
                } else {
                    dzIp = user.dzIp
                }
            }
            return UserAllocation(tunnelNet: tunnelNet, tunnelId: tunnelId, dzIp: dzIp, acquired: acquired)
        }
    }

    /// Releases everything `user` holds (its tunnel /31, tunnel id and allocated DZ IP), for a
    /// user being closed or banned, or a re-activation being rejected. Idempotent.
    ///
    /// - Returns: The values that were allocated and are now free.
    @discardableResult
    public mutating func release(for user: User) -> [ResourceUsage] {
        release(usages(of: user))
    }
}
