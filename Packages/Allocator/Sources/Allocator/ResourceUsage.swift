/// One value held by one entity in one pool: the unit that ``ResourcePools`` rebuild, release and
/// audit work in. ``ResourcePools/usages(in:)`` and its per-entity variants say what each entity
/// holds; that rule exists once and everything else goes through it.
public struct ResourceUsage: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The pool the value belongs to.
    public var pool: ResourcePoolID
    /// The value held.
    public var value: ResourceValue
    /// Who holds it.
    public var holder: ResourceHolder

    /// Creates a usage.
    public init(pool: ResourcePoolID, value: ResourceValue, holder: ResourceHolder) {
        self.pool = pool
        self.value = value
        self.holder = holder
    }

    /// `"169.254.0.0/31 in user tunnel block, held by user <key>"`.
    public var description: String { "\(value) in \(pool), held by \(holder)" }

    /// Ordered by pool, value, then holder.
    public static func < (lhs: ResourceUsage, rhs: ResourceUsage) -> Bool {
        (lhs.pool, lhs.value, lhs.holder) < (rhs.pool, rhs.value, rhs.holder)
    }
}
