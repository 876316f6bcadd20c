/// Why a ``LedgerService/follow(from:)`` stream ended early.
public enum LedgerFollowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The follower read too slowly: entry `resumeFrom` and the ones after it would have made
    /// its backlog exceed `limit`. Everything before `resumeFrom` was delivered; what waited for
    /// it was dropped. Follow again from `resumeFrom` to get the rest without a gap.
    case fellBehind(resumeFrom: UInt64, limit: FollowerBacklogLimit)
    /// The stored log could not be read.
    case storage(LedgerStoreError)
    /// Catching up with entries other processes appended to the file failed (the file could
    /// not be read, or its log no longer continues this service's).
    case catchUpFailed(LedgerError)

    /// A message for people.
    public var description: String {
        switch self {
        case .fellBehind(let sequence, let limit):
            "the follower fell behind (more than \(limit) waiting) and was cut off; "
                + "follow again from sequence \(sequence)"
        case .storage(let error):
            "following the log failed: \(error)"
        case .catchUpFailed(let error):
            "catching up with the ledger file failed: \(error)"
        }
    }
}
