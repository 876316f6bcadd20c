/// One disagreement between the pools and what the ledger's entities hold, found by
/// ``ResourcePools/audit(_:)`` (the checks of `doublezero resource verify`, serviceability §6.8).
public struct AllocationFinding: Hashable, Sendable, CustomStringConvertible {
    /// The kind of disagreement.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Two or more entities hold the same value, or overlapping blocks (a loopback /32
        /// inside a link /31). Needs manual repair.
        case duplicateUsage
        /// An entity holds a value outside the pool it must come from (a link /31 outside the
        /// device tunnel block, an edge-filtering DZ IP outside its device's dz_prefixes).
        case usedOutsidePool
        /// An entity holds an address the pool keeps reserved (the first address of a dz_prefix).
        case usesReservedAddress
        /// An entity holds a value inside the pool that the pool does not have allocated as that
        /// exact block or id; the pool could hand it out again.
        case usedButNotAllocated
        /// The pool has a value allocated that no entity holds (a leak).
        case allocatedButNotUsed
        /// An entity holds a value in a pool that does not exist (a user of a device the pools
        /// do not know).
        case unknownPool
    }

    /// The kind of disagreement.
    public var kind: Kind
    /// The pool concerned.
    public var pool: ResourcePoolID
    /// The value concerned (for ``Kind/duplicateUsage``, the largest of the overlapping blocks).
    public var value: ResourceValue
    /// The entities holding it; empty for ``Kind/allocatedButNotUsed``.
    public var holders: [ResourceHolder]

    /// Creates a finding.
    public init(_ kind: Kind, pool: ResourcePoolID, value: ResourceValue, holders: [ResourceHolder] = []) {
        self.kind = kind
        self.pool = pool
        self.value = value
        self.holders = holders
    }

    /// A sentence such as `"duplicateUsage: 169.254.0.0/31 in user tunnel block is held by user A, user B"`.
    public var description: String {
        let held = holders.isEmpty ? "held by nobody" : "held by " + holders.map(\.description).joined(separator: ", ")
        return "\(kind.rawValue): \(value) in \(pool) is \(held)"
    }
}
