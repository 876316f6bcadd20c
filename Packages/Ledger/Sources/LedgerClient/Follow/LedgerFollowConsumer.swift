import Ledger
import Models

/// What a ``LedgerFollowSession`` drives: a consumer of one consistent snapshot, then of every
/// later log entry, in order, each exactly once.
///
/// Both calls may throw. A failed ``start(from:)`` is retried with a fresh snapshot; a failed
/// ``apply(_:)`` is retried with the same entries (the session resumes following from the last
/// sequence the consumer applied, so nothing is skipped). Throw ``LedgerFollowReload`` from
/// either to ask for a fresh snapshot at once.
public protocol LedgerFollowConsumer: Sendable {
    /// Starts over from `snapshot`: every entity of the session's kinds as of
    /// `snapshot.sequence`. Entries after it follow through ``apply(_:)``.
    func start(from snapshot: LedgerSnapshot) async throws

    /// Applies log entries that continue the last snapshot or batch, in order, without gap or
    /// repeat. Entries that arrived while the consumer was busy come together in one batch.
    func apply(_ entries: [LogEntry]) async throws
}

/// Every entity of some kinds as of one log position.
public struct LedgerSnapshot: Sendable, Hashable {
    /// The entities, by kind then key.
    public var entities: [Entity]
    /// The log sequence they reflect (0 for an empty log).
    public var sequence: UInt64

    /// Creates a snapshot.
    public init(entities: [Entity], sequence: UInt64) {
        self.entities = entities
        self.sequence = sequence
    }
}

/// Thrown by a consumer to make its ``LedgerFollowSession`` load a fresh snapshot (for example
/// when its own derived state turned out stale); not counted as a failure.
public struct LedgerFollowReload: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the consumer wants a fresh snapshot.
    public var reason: String

    /// Asks for a reload because of `reason`.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// ``reason``.
    public var description: String { "reload requested: \(reason)" }
}
