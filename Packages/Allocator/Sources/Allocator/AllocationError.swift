/// Why a pool refused a request: what went wrong, in which pool, and for which value.
///
/// The value and the pool bounds are carried as text so that ID pools and (later) IP pools
/// share one error type: an ID pool reports `"501"` and `"[500, 4596)"`, an IP pool would
/// report `"10.0.0.4/31"` and `"10.0.0.0/24"`.
public struct AllocationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// The value lies outside the pool's range.
        case outOfRange
        /// The value is already allocated.
        case alreadyAllocated
        /// The pool has no free value left.
        case exhausted
        /// While rebuilding a pool from existing assignments, a value appeared more than once.
        case duplicateAssignment
    }

    /// The kind of failure.
    public var reason: Reason
    /// The name of the pool that refused (for example `"tunnel-ids"`).
    public var pool: String
    /// The pool's bounds as text (for example `"[500, 4596)"`).
    public var bounds: String
    /// The offending value as text; nil when no single value is at fault (``Reason/exhausted``).
    public var value: String?

    /// Creates an error.
    public init(_ reason: Reason, pool: String, bounds: String, value: String? = nil) {
        self.reason = reason
        self.pool = pool
        self.bounds = bounds
        self.value = value
    }

    /// A sentence naming the value, the pool and what is wrong.
    public var description: String {
        let subject = value ?? "value"
        switch reason {
        case .outOfRange:
            return "\(subject) is outside pool \(pool) \(bounds)"
        case .alreadyAllocated:
            return "\(subject) is already allocated in pool \(pool) \(bounds)"
        case .exhausted:
            return "pool \(pool) \(bounds) has no free value left"
        case .duplicateAssignment:
            return "\(subject) is assigned more than once while rebuilding pool \(pool) \(bounds)"
        }
    }
}
