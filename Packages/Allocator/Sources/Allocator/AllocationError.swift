/// Why a pool refused a request: what went wrong, in which pool, and for which value.
///
/// The value and the pool bounds are carried as text so that ID pools and IP pools share one
/// error type: an ID pool reports `"501"` and `"[500, 4596)"`, an IP pool `"10.0.0.4/31"` and
/// `"10.0.0.0/24"` (several ranges are joined with `", "`).
public struct AllocationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// The value lies outside the pool's range.
        case outOfRange
        /// The value is already allocated.
        case alreadyAllocated
        /// The pool has no free value left (of the size asked for, for IP pools).
        case exhausted
        /// While rebuilding a pool from existing assignments, a value appeared more than once
        /// (for IP pools: shared an address with an earlier assignment).
        case duplicateAssignment
        /// An IP block whose address has host bits set: a block must start at a multiple of its size.
        case misaligned
        /// An IP block length the pool cannot hand out or hold (IP pools work in /26 to /32).
        case unsupportedLength
        /// The block includes an address the pool keeps back for good (for example the first
        /// address of each device dz_prefix).
        case reservedAddress
        /// The pool does not exist (for example the per-device pools of a device the
        /// ``ResourcePools`` do not know).
        case unknownPool
    }

    /// The kind of failure.
    public var reason: Reason
    /// The name of the pool that refused (for example `"user tunnel block"`).
    public var pool: String
    /// The pool's bounds as text (for example `"[500, 4596)"` or `"169.254.0.0/16"`).
    public var bounds: String
    /// The offending value as text. For ``Reason/exhausted`` it is nil (ID pools) or the block
    /// size asked for, such as `"/31"` (IP pools).
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
            return "pool \(pool) \(bounds) has no free \(value ?? "value") left"
        case .duplicateAssignment:
            return "\(subject) is assigned more than once while rebuilding pool \(pool) \(bounds)"
        case .misaligned:
            return "\(subject) is not aligned to its own size (pool \(pool) \(bounds))"
        case .unsupportedLength:
            return "\(subject) has a length pool \(pool) \(bounds) cannot hold (it works in /26 to /32)"
        case .reservedAddress:
            return "\(subject) includes an address that pool \(pool) \(bounds) keeps reserved"
        case .unknownPool:
            return "pool \(pool) does not exist"
        }
    }

    /// A short phrase fit for a `reject_reason`: `"pool exhausted: user tunnel block
    /// 169.254.0.0/16"` when the pool ran out, otherwise ``description``.
    public var summary: String {
        reason == .exhausted ? "pool exhausted: \(pool) \(bounds)" : description
    }
}
