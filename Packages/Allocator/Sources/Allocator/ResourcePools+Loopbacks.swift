import Models

/// Allocation and release for loopback interfaces (serviceability §6.4).
extension ResourcePools {
    /// Allocates what a pending loopback still lacks, all or nothing: the lowest free /32 of the
    /// device tunnel block unless its operator supplied an address, and for a VPNv4 loopback
    /// without one the lowest free segment-routing id from 1 (other loopbacks take 0).
    ///
    /// - Parameters:
    ///   - interface: the loopback.
    ///   - device: the key of the device it belongs to.
    /// - Throws: ``AllocationError`` (``AllocationError/Reason/exhausted`` naming the pool);
    ///   nothing is taken when it throws.
    public mutating func allocate(
        forLoopback interface: DeviceInterface, on device: PublicKey
    ) throws(AllocationError) -> LoopbackAllocation {
        try allOrNothing { pools, acquired throws(AllocationError) in
            let holder = ResourceHolder.interface(device: device, name: interface.name)
            let ipNet =
                if let supplied = interface.ipNet {
                    supplied
                } else {
                    try pools.takeBlock(length: 32, in: .deviceTunnelBlock, for: holder, recordingIn: &acquired)
                }
            var segment = interface.nodeSegmentIdx
            if interface.loopbackType == .vpnv4 && segment == 0 {
                segment = UInt16(try pools.takeID(in: .segmentRoutingIDs, for: holder, recordingIn: &acquired))
            }
            return LoopbackAllocation(ipNet: ipNet, nodeSegmentIdx: segment, acquired: acquired)
        }
    }

    /// Releases the /32 (if it lies in the device tunnel block) and segment-routing id of a
    /// loopback of device `device`. Idempotent.
    ///
    /// - Returns: The values that were allocated and are now free.
    @discardableResult
    public mutating func release(forInterface interface: DeviceInterface, on device: PublicKey) -> [ResourceUsage] {
        release(usages(ofInterface: interface, on: device))
    }
}
