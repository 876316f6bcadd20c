import Foundation
import GRDB
import Models
import Synchronization

/// The durable ledger: one SQLite file holding the log and the entity index.
///
/// The file runs in WAL mode through a GRDB `DatabasePool`: readers never block the writer and
/// see a consistent snapshot. ``snapshot(_:)`` reads on a reader connection's own thread, so an
/// async caller never waits for the writer, and never blocks a thread of the Swift concurrency
/// pool while SQLite works. Each append is one SQLite transaction (the log row plus its entity
/// rows), so the `entities` table is always exactly the fold of the `log` table. Several
/// processes may open the same file; writes take the file's write lock with `BEGIN IMMEDIATE`
/// and wait up to ``busyTimeout`` for another process's transaction to finish.
///
/// Durability: see ``LedgerDurability``. With the default `.normal` (`synchronous = NORMAL`)
/// a committed append survives a crash or `SIGKILL` of the process; `.full` also survives a power
/// loss.
public final class LedgerStore: Sendable {
    /// Whether the store may write.
    public enum AccessMode: Sendable, Hashable {
        /// Creates the file (and its directories) if needed, migrates the schema, and writes.
        case readWrite
        /// Opens an existing ledger file without ever writing to it.
        case readOnly
    }

    /// How long a write waits for another process's write transaction before failing.
    public static let busyTimeout: TimeInterval = 30

    /// The ledger file.
    public let path: String
    /// The durability level of commits.
    public let durability: LedgerDurability
    /// Whether the store may write.
    public let accessMode: AccessMode
    /// The connections.
    let pool: DatabasePool
    /// The ledger's genesis, read (or written) when the file was opened.
    public let genesis: LedgerGenesis
    /// Set by ``close()``: later reads fail with ``LedgerStoreError/closed(path:)``.
    private let closed = Atomic<Bool>(false)

    /// Opens the ledger file at `path`, or creates it when `genesis` is given.
    ///
    /// In `.readWrite` mode with a `genesis`, a missing file and its parent directories are
    /// created, the schema migrations run and the genesis is recorded (safe against another
    /// process doing the same at the same time); an existing file must hold that same genesis.
    /// Without a `genesis` the file must exist and have one. In `.readOnly` mode the file must
    /// exist and have the current schema and a genesis.
    ///
    /// - Throws: ``LedgerStoreError`` naming the file: `fileNotFound`, `cannotCreateDirectory`,
    ///   `notALedger` (no or a newer schema), `noGenesis`, `genesisMismatch`, or `sqlite`
    ///   (SQLite refused to open it).
    public init(
        path: String, durability: LedgerDurability = .normal, accessMode: AccessMode = .readWrite,
        creating genesis: LedgerGenesis? = nil
    ) throws(LedgerStoreError) {
        self.path = path
        self.durability = durability
        self.accessMode = accessMode
        var configuration = Configuration()
        configuration.label = "ledger"
        guard genesis != nil || FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        switch accessMode {
        case .readOnly:
            configuration.readonly = true
        case .readWrite:
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateDirectory(path: directory.path, reason: "\(error)")
            }
            configuration.busyMode = .timeout(Self.busyTimeout)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .sqlite(path: path, operation: "open", message: "\(error)")
        }
        switch accessMode {
        case .readWrite:
            try Self.migrate(pool, path: path)
            do {
                // GRDB sets NORMAL when it enables WAL; state the level we want explicitly.
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragmaValue)")
                }
            } catch {
                throw .sqlite(
                    path: path, operation: "set synchronous = \(durability.synchronousPragmaValue)", message: "\(error)"
                )
            }
        case .readOnly:
            try Self.checkSchema(pool, path: path)
        }
        self.genesis = try Self.genesis(of: pool, path: path, creating: accessMode == .readWrite ? genesis : nil)
        if let genesis, genesis != self.genesis {
            throw .genesisMismatch(path: path, stored: self.genesis.id, expected: genesis.id)
        }
    }

    /// The file's genesis; `creating` is recorded first when the file has none.
    private static func genesis(
        of pool: DatabasePool, path: String, creating: LedgerGenesis?
    ) throws(LedgerStoreError) -> LedgerGenesis {
        let read = { () throws(LedgerStoreError) -> LedgerGenesis? in
            do {
                return try pool.read { db in try LedgerStoreReader(database: db, path: path).genesis() }
            } catch let error as LedgerStoreError {
                throw error
            } catch {
                throw .sqlite(path: path, operation: "read the genesis", message: "\(error)")
            }
        }
        if let stored = try read() { return stored }
        guard let creating else { throw .noGenesis(path: path) }
        do {
            try pool.write { db in
                let writer = LedgerStoreWriter(database: db, path: path)
                // Another process may have recorded one since the read above: keep the first.
                if try writer.reader.genesis() == nil { try writer.setGenesis(creating) }
            }
        } catch {
            throw .sqlite(path: path, operation: "record the genesis", message: "\(error)")
        }
        guard let stored = try read() else { throw .noGenesis(path: path) }
        return stored
    }

    /// Runs the migrations. If another process migrates the same new file at the same moment,
    /// our attempt can fail on its tables; that is fine as long as the schema is then complete.
    private static func migrate(_ pool: DatabasePool, path: String) throws(LedgerStoreError) {
        let migrator = LedgerStoreSchema.migrator
        do {
            if try pool.read(migrator.hasBeenSuperseded) {
                throw LedgerStoreError.notALedger(
                    path: path, reason: "its schema was written by a newer version of this software")
            }
            try migrator.migrate(pool)
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            let completed = (try? pool.read(migrator.hasCompletedMigrations)) ?? false
            guard completed else {
                throw .sqlite(path: path, operation: "create or migrate the schema", message: "\(error)")
            }
        }
    }

    /// Checks that a file opened read-only has exactly the schema this code knows.
    private static func checkSchema(_ pool: DatabasePool, path: String) throws(LedgerStoreError) {
        let migrator = LedgerStoreSchema.migrator
        let (completed, superseded): (Bool, Bool)
        do {
            (completed, superseded) = try pool.read { db in
                (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db))
            }
        } catch {
            throw .notALedger(path: path, reason: "cannot read its schema: \(error)")
        }
        if superseded {
            throw .notALedger(path: path, reason: "its schema was written by a newer version of this software")
        }
        if !completed {
            throw .notALedger(path: path, reason: "it has no ledger schema (or an incomplete one)")
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot of the file), on the calling
    /// thread.
    ///
    /// - Throws: `body`'s error, ``LedgerStoreError/closed(path:)``, or
    ///   ``LedgerStoreError/sqlite(path:operation:message:)``.
    public func read<T>(_ body: (LedgerStoreReader) throws(LedgerStoreError) -> T) throws(LedgerStoreError) -> T {
        let path = self.path
        guard !closed.load(ordering: .acquiring) else { throw .closed(path: path) }
        do {
            return try pool.read { db in try body(LedgerStoreReader(database: db, path: path)) }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw .sqlite(path: path, operation: "read", message: "\(error)")
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot of the file) on a reader
    /// connection's thread, suspending the caller meanwhile.
    ///
    /// The snapshot starts when a reader connection is free and includes every transaction
    /// committed before it, by this process or another. It never waits for the file's write
    /// lock, and the calling task's thread is free for other work while SQLite reads.
    ///
    /// - Throws: `body`'s error, ``LedgerStoreError/closed(path:)``, or
    ///   ``LedgerStoreError/sqlite(path:operation:message:)``.
    public func snapshot<T: Sendable>(
        _ body: @Sendable (LedgerStoreReader) throws(LedgerStoreError) -> T
    ) async throws(LedgerStoreError) -> T {
        let path = self.path
        guard !closed.load(ordering: .acquiring) else { throw .closed(path: path) }
        do {
            return try await pool.read { db in try body(LedgerStoreReader(database: db, path: path)) }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            if closed.load(ordering: .acquiring) { throw .closed(path: path) }
            throw .sqlite(path: path, operation: "read", message: "\(error)")
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` write transaction, which holds the file's write lock
    /// from its first statement: reads inside it see the latest committed log, and nothing else
    /// can append before it ends. `body` decides whether to commit or roll back.
    ///
    /// - Throws: `body`'s error (the transaction is then rolled back), or
    ///   ``LedgerStoreError/sqlite(path:operation:message:)`` if SQLite cannot begin or commit
    ///   (for example the lock stayed busy longer than ``busyTimeout``, or the disk is full).
    public func write<T>(
        _ body: (LedgerStoreWriter) throws(LedgerStoreError) -> LedgerStoreWriteOutcome<T>
    ) throws(LedgerStoreError) -> T {
        let path = self.path
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    switch try body(LedgerStoreWriter(database: db, path: path)) {
                    case .commit(let value):
                        result = value
                        return .commit
                    case .rollback(let value):
                        result = value
                        return .rollback
                    }
                }
                // inTransaction returns only after the body returned, so `result` is set.
                return result!
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw .sqlite(path: path, operation: "write transaction", message: "\(error)")
        }
    }

    /// The last entry's position, or ``LogPosition/genesis`` for an empty log.
    public func head() throws(LedgerStoreError) -> LogPosition {
        try read { reader throws(LedgerStoreError) in try reader.head() }
    }

    /// Up to `limit` checked log entries with sequence ≥ `sequence`, in order.
    public func entries(from sequence: UInt64, limit: Int) throws(LedgerStoreError) -> [LogEntry] {
        try read { reader throws(LedgerStoreError) in try reader.entries(from: sequence, limit: limit) }
    }

    /// The state held in the `entities` table (with the file's genesis) and the log head, read in
    /// one snapshot.
    public func loadState() throws(LedgerStoreError) -> (state: LedgerState, head: LogPosition) {
        var loaded = try read { reader throws(LedgerStoreError) in try reader.state() }
        loaded.state.genesis = genesis
        return loaded
    }

    /// Closes the connections; later calls fail.
    public func close() throws(LedgerStoreError) {
        closed.store(true, ordering: .releasing)
        do {
            try pool.close()
        } catch {
            throw .sqlite(path: path, operation: "close", message: "\(error)")
        }
    }
}
