/// Why the ledger store could not open, read or write its SQLite file; every case names the file.
public enum LedgerStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A read-only open of a file that does not exist.
    case fileNotFound(path: String)
    /// The directory for a new ledger file could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The file is not a ledger this code can use: no ledger schema, or a newer one.
    case notALedger(path: String, reason: String)
    /// SQLite refused `operation` (for example "append log entry 42"), with SQLite's message.
    case sqlite(path: String, operation: String, message: String)
    /// A stored log row cannot be turned back into a ``LogEntry``.
    case corruptLogEntry(path: String, sequence: UInt64, reason: String)
    /// A stored entity row cannot be turned back into an ``Entity``.
    case corruptEntityRow(path: String, kind: String, pubkey: String, reason: String)
    /// The file's log no longer continues the log this process has seen (it was replaced,
    /// truncated or rewritten underneath it).
    case logDiverged(path: String, reason: String)
    /// The store or the service using it was closed.
    case closed(path: String)
    /// The file has no genesis: it was never created with `doublezero-ledger init`.
    case noGenesis(path: String)
    /// The file belongs to another ledger than the one the caller meant to open or create.
    case genesisMismatch(path: String, stored: LedgerID, expected: LedgerID)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .fileNotFound(let path), .cannotCreateDirectory(let path, _), .notALedger(let path, _),
            .sqlite(let path, _, _), .corruptLogEntry(let path, _, _), .corruptEntityRow(let path, _, _, _),
            .logDiverged(let path, _), .closed(let path), .noGenesis(let path), .genesisMismatch(let path, _, _):
            path
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "ledger file \(path) does not exist"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the directory \(path) for the ledger file: \(reason)"
        case .notALedger(let path, let reason):
            "\(path) is not a usable ledger file: \(reason)"
        case .sqlite(let path, let operation, let message):
            "\(operation) failed in \(path): \(message)"
        case .corruptLogEntry(let path, let sequence, let reason):
            "log entry \(sequence) in \(path) is corrupt: \(reason)"
        case .corruptEntityRow(let path, let kind, let pubkey, let reason):
            "entity row \(kind)/\(pubkey) in \(path) is corrupt: \(reason)"
        case .logDiverged(let path, let reason):
            "the log in \(path) diverged from what this process has seen: \(reason)"
        case .closed(let path):
            "the ledger \(path) is closed"
        case .noGenesis(let path):
            "\(path) has no genesis; create the ledger with `doublezero-ledger init --db \(path) --foundation KEY`"
        case .genesisMismatch(let path, let stored, let expected):
            "\(path) is ledger \(stored), not the ledger \(expected) it was opened as"
        }
    }
}
