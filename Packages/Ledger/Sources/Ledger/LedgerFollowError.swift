/// Why a ``LedgerService/follow(from:)`` stream ended early.
public enum LedgerFollowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The follower read too slowly: `bufferCapacity` entries were waiting for it when entry
    /// `resumeFrom` arrived. Everything before `resumeFrom` was delivered; follow again from it.
    case fellBehind(resumeFrom: UInt64, bufferCapacity: Int)
    /// The stored log could not be read.
    case storage(LedgerStoreError)
    /// Catching up with entries other processes appended to the file failed (the file could
    /// not be read, or its log no longer continues this service's).
    case catchUpFailed(LedgerError)

    /// A message for people.
    public var description: String {
        switch self {
        case .fellBehind(let sequence, let capacity):
            "the follower fell \(capacity) entries behind; follow again from sequence \(sequence)"
        case .storage(let error):
            "following the log failed: \(error)"
        case .catchUpFailed(let error):
            "catching up with the ledger file failed: \(error)"
        }
    }
}
