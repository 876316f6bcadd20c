import Models

/// Allocation and release for links (serviceability §6.4, §6.6).
extension ResourcePools {
    /// Allocates what pending `link` still lacks, all or nothing: the lowest free aligned /31 of
    /// the device tunnel block (a loopback /32 in either half makes a pair unusable) and the
    /// lowest free link id from 1.
    ///
    /// - Throws: ``AllocationError`` (``AllocationError/Reason/exhausted`` naming the pool);
    ///   nothing is taken when it throws.
    public mutating func allocate(for link: Link) throws(AllocationError) -> LinkAllocation {
        try allOrNothing { pools, acquired throws(AllocationError) in
            let holder = ResourceHolder.link(link.pubkey)
            var tunnelNet = link.tunnelNet
            if tunnelNet.isUnset {
                tunnelNet = try pools.takeBlock(length: 31, in: .deviceTunnelBlock, for: holder, recordingIn: &acquired)
            }
            var tunnelId = link.tunnelId
            if tunnelId == 0 {
                tunnelId = UInt16(try pools.takeID(in: .linkIDs, for: holder, recordingIn: &acquired))
            }
            return LinkAllocation(tunnelNet: tunnelNet, tunnelId: tunnelId, acquired: acquired)
        }
    }

    /// Releases the /31 and id `link` holds. Idempotent.
    ///
    /// - Returns: The values that were allocated and are now free.
    @discardableResult
    public mutating func release(for link: Link) -> [ResourceUsage] {
        release(usages(of: link))
    }
}
