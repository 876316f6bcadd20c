import Allocator

/// A value in a pool, whoever holds it: the key of ``ActivatorState``'s count of holders.
struct HeldValueKey: Hashable, Sendable {
    /// The pool.
    var pool: ResourcePoolID
    /// The value.
    var value: ResourceValue

    /// The key of `usage`.
    init(_ usage: ResourceUsage) {
        pool = usage.pool
        value = usage.value
    }
}
