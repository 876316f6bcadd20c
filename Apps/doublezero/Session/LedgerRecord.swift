import Ledger
import Models

/// A Models entity type the CLI reads from the ledger as one kind of record (Location, Device, User…).
protocol LedgerRecord: Codable, Sendable {
    /// The ledger kind the records are stored as.
    static var kind: EntityKind { get }

    /// Whether records of this kind have a unique code people refer to them by (users and access
    /// passes do not: they are named by public key).
    static var hasCodes: Bool { get }

    /// The record inside `entity`, or nil when the entity is of another kind.
    init?(entity: Entity)

    /// The record's key.
    var pubkey: PublicKey { get }

    /// The code people refer to the record by, when the kind has codes.
    var lookupCode: String? { get }

    /// The status as its snake_case raw value (`pending`, `activated`, …).
    var statusText: String { get }
}

extension LedgerRecord {
    /// Kinds have codes unless they say otherwise.
    static var hasCodes: Bool { true }
}
