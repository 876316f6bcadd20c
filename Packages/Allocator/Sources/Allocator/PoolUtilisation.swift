/// How full a pool is: allocated count, capacity and the fraction in use.
public struct PoolUtilisation: Hashable, Sendable, CustomStringConvertible {
    /// The number of values currently allocated.
    public let allocated: Int
    /// The number of values the pool can hold.
    public let capacity: Int

    /// Creates a utilisation figure; `allocated` must lie in `0...capacity`.
    public init(allocated: Int, capacity: Int) {
        precondition(
            capacity >= 0 && (0...capacity).contains(allocated),
            "allocated \(allocated) must lie in 0...\(capacity)")
        self.allocated = allocated
        self.capacity = capacity
    }

    /// The number of values still free.
    public var free: Int { capacity - allocated }

    /// `allocated / capacity`, in `0...1`.
    ///
    /// A pool with no capacity at all reports `1`: it cannot hand out anything, so it counts
    /// as full (an alert on "fraction ≥ threshold" then fires for it, as it should).
    public var fraction: Double {
        capacity == 0 ? 1 : Double(allocated) / Double(capacity)
    }

    /// `"3/4096 allocated"`.
    public var description: String { "\(allocated)/\(capacity) allocated" }
}
