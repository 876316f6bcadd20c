import Models

/// Allocation and release for multicast groups (serviceability §6.4, §6.6).
extension ResourcePools {
    /// Allocates the lowest free address of the multicast group block for pending `group`,
    /// unless it already has one.
    ///
    /// - Throws: ``AllocationError`` (``AllocationError/Reason/exhausted`` naming the pool).
    public mutating func allocate(for group: MulticastGroup) throws(AllocationError) -> MulticastGroupAllocation {
        try allOrNothing { pools, acquired throws(AllocationError) in
            guard group.multicastIp.isUnspecified else {
                return MulticastGroupAllocation(multicastIp: group.multicastIp, acquired: [])
            }
            let block = try pools.takeBlock(
                length: 32, in: .multicastGroupBlock, for: .multicastGroup(group.pubkey), recordingIn: &acquired)
            return MulticastGroupAllocation(multicastIp: block.address, acquired: acquired)
        }
    }

    /// Releases the address `group` holds. Idempotent.
    ///
    /// - Returns: The values that were allocated and are now free.
    @discardableResult
    public mutating func release(for group: MulticastGroup) -> [ResourceUsage] {
        release(usages(of: group))
    }
}
