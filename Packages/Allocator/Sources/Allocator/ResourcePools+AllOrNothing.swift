import Models

/// The all-or-nothing rule of every `allocate(for:)`: values are taken one after another, and if
/// one pool refuses, the values already taken are released before the error is rethrown.
extension ResourcePools {
    /// Takes values through `acquisition`, recording each in `acquired`; on failure releases
    /// every recorded value (newest first) and rethrows, leaving the pools as they were.
    mutating func allOrNothing<Result>(
        _ acquisition: (inout ResourcePools, inout [ResourceUsage]) throws(AllocationError) -> Result
    ) throws(AllocationError) -> Result {
        var acquired: [ResourceUsage] = []
        do {
            return try acquisition(&self, &acquired)
        } catch {
            for usage in acquired.reversed() {
                release(usage)
            }
            throw error
        }
    }

    /// Allocates the lowest free block of `length` in `pool` for `holder` and records it.
    mutating func takeBlock(
        length: UInt8, in pool: ResourcePoolID, for holder: ResourceHolder, recordingIn acquired: inout [ResourceUsage]
    ) throws(AllocationError) -> IPv4Prefix {
        let block = try allocateBlock(length: length, in: pool)
        acquired.append(ResourceUsage(pool: pool, value: .block(block), holder: holder))
        return block
    }

    /// Allocates the lowest free id in `pool` for `holder` and records it.
    mutating func takeID(
        in pool: ResourcePoolID, for holder: ResourceHolder, recordingIn acquired: inout [ResourceUsage]
    ) throws(AllocationError) -> UInt32 {
        let id = try allocateID(in: pool)
        acquired.append(ResourceUsage(pool: pool, value: .id(id), holder: holder))
        return id
    }
}
