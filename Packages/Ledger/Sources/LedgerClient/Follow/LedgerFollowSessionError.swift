/// Why one attempt of a ``LedgerFollowSession`` ended; the session retries after each.
public enum LedgerFollowSessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The ledger ended the log stream (it shut down, or cut a slow follower off).
    case streamEnded
    /// The stream skipped entries: `expected` was due, `received` came.
    case gap(expected: UInt64, received: UInt64)

    /// A message for people.
    public var description: String {
        switch self {
        case .streamEnded: "the ledger ended the log stream"
        case .gap(let expected, let received): "the log stream skipped from \(expected) to \(received)"
        }
    }
}
