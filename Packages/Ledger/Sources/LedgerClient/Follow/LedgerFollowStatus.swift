/// Where a ``LedgerFollowSession`` stands.
public struct LedgerFollowStatus: Sendable, Hashable {
    /// What the session is doing.
    public enum Phase: Sendable, Hashable {
        /// Not started yet, or stopped.
        case idle
        /// Reading a consistent snapshot.
        case loading
        /// Following the log stream.
        case following
        /// Waiting before the next attempt, after `failure`.
        case retrying(failure: String)
    }

    /// What the session is doing.
    public var phase: Phase = .idle
    /// The last sequence the consumer applied (its snapshot's, then each batch's last).
    public var appliedSequence: UInt64 = 0
    /// The last sequence received from the ledger (applied or waiting).
    public var receivedSequence: UInt64 = 0
    /// Snapshots loaded so far.
    public var snapshots = 0
    /// Failures so far (the ledger, the stream or the consumer).
    public var failures = 0
    /// The last failure, for people.
    public var lastFailure: String?

    /// Entries received but not yet applied: how far the consumer lags behind the stream.
    public var lag: UInt64 { receivedSequence > appliedSequence ? receivedSequence - appliedSequence : 0 }

    /// An idle status.
    public init() {}
}
