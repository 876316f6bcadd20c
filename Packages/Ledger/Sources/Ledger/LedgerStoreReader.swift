import Foundation
import GRDB
import Models

/// Reads from a ledger file inside one SQLite transaction: everything read through one reader
/// is one consistent snapshot, even while other connections or processes append.
///
/// Only valid inside the closure of ``LedgerStore/read(_:)`` or ``LedgerStore/write(_:)``.
public struct LedgerStoreReader {
    /// The open connection, inside a transaction.
    let database: Database
    /// The ledger file, for errors.
    public let path: String

    init(database: Database, path: String) {
        self.database = database
        self.path = path
    }

    /// The last entry's position, or ``LogPosition/genesis`` for an empty log.
    public func head() throws(LedgerStoreError) -> LogPosition {
        try perform("read the log head") { () throws -> LogPosition in
            guard
                let row = try Row.fetchOne(
                    database, sql: "SELECT sequence, hash FROM log ORDER BY sequence DESC LIMIT 1")
            else { return .genesis }
            let sequence = try row.decode(Int64.self, forColumn: "sequence")
            return LogPosition(
                sequence: UInt64(bitPattern: sequence), hash: try row.decode(String.self, forColumn: "hash"))
        }
    }

    /// Up to `limit` raw log rows with sequence ≥ `sequence`, in order.
    public func logRows(from sequence: UInt64, limit: Int) throws(LedgerStoreError) -> [StoredLogRow] {
        let rows = try perform("read log entries from \(sequence)") {
            try Row.fetchAll(
                database.cachedStatement(sql: "SELECT * FROM log WHERE sequence >= ? ORDER BY sequence LIMIT ?"),
                arguments: [Int64(clamping: sequence), max(limit, 0)])
        }
        var result: [StoredLogRow] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            result.append(try StoredLogRow(row: row, path: path))
        }
        return result
    }

    /// Raw log rows with sequence ≥ `sequence`, in order: up to `limit` rows, and no more once
    /// their ``StoredLogRow/byteCount``s add up to `maxBytes` (the first row is always read), so
    /// a page of large entries stays small.
    public func logRows(from sequence: UInt64, limit: Int, maxBytes: Int) throws(LedgerStoreError) -> [StoredLogRow] {
        let rows = try perform("read log entries from \(sequence)") { () throws -> [Row] in
            let cursor = try Row.fetchCursor(
                database.cachedStatement(
                    sql: """
                        SELECT *, length(message) + length(signature) + length(changes) AS stored_bytes
                        FROM log WHERE sequence >= ? ORDER BY sequence LIMIT ?
                        """),
                arguments: [Int64(clamping: sequence), max(limit, 0)])
            var rows: [Row] = []
            var bytes = 0
            while bytes < maxBytes, let row = try cursor.next() {
                bytes += row["stored_bytes"] ?? 0
                rows.append(row.copy())
            }
            return rows
        }
        var result: [StoredLogRow] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            result.append(try StoredLogRow(row: row, path: path))
        }
        return result
    }

    /// Up to `limit` log entries with sequence ≥ `sequence`, in order, each checked
    /// (signature, index columns, hash; see ``StoredLogRow/logEntry(path:)``).
    public func entries(from sequence: UInt64, limit: Int) throws(LedgerStoreError) -> [LogEntry] {
        var entries: [LogEntry] = []
        for row in try logRows(from: sequence, limit: limit) {
            entries.append(try row.logEntry(path: path))
        }
        return entries
    }

    /// Checked log entries with sequence ≥ `sequence`, in order: up to `limit`, and no more
    /// once their ``LogEntry/byteCount``s add up to `maxBytes` (the first is always read).
    public func entries(from sequence: UInt64, limit: Int, maxBytes: Int) throws(LedgerStoreError) -> [LogEntry] {
        var entries: [LogEntry] = []
        for row in try logRows(from: sequence, limit: limit, maxBytes: maxBytes) {
            entries.append(try row.logEntry(path: path))
        }
        return entries
    }

    /// The sequence of the log entry signed by `signer` with `nonce`, if there is one.
    public func sequence(ofTransactionBy signer: PublicKey, nonce: UInt64) throws(LedgerStoreError) -> UInt64? {
        try perform("look up the transaction of \(signer) with nonce \(nonce)") { () throws -> UInt64? in
            let sequence = try Int64.fetchOne(
                database.cachedStatement(sql: "SELECT sequence FROM log WHERE signer = ? AND nonce = ?"),
                arguments: [Data(signer.bytes), Int64(bitPattern: nonce)])
            return sequence.map { UInt64(bitPattern: $0) }
        }
    }

    /// Every raw entity row, ordered by kind then key.
    public func entityRows() throws(LedgerStoreError) -> [StoredEntityRow] {
        let rows = try perform("read the entities table") {
            try Row.fetchAll(database, sql: "SELECT kind, pubkey, value, sequence FROM entities ORDER BY kind, pubkey")
        }
        var result: [StoredEntityRow] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            result.append(try StoredEntityRow(row: row, path: path))
        }
        return result
    }

    /// The raw entity row at `ref`, if any.
    public func entityRow(_ ref: EntityRef) throws(LedgerStoreError) -> StoredEntityRow? {
        let row = try perform("read entity \(ref)") {
            try Row.fetchOne(
                database.cachedStatement(
                    sql: "SELECT kind, pubkey, value, sequence FROM entities WHERE kind = ? AND pubkey = ?"),
                arguments: [ref.kind.rawValue, ref.pubkey.base58])
        }
        return try row.map { (row) throws(LedgerStoreError) in try StoredEntityRow(row: row, path: path) }
    }

    /// The stored entity at `ref`, if any.
    public func entity(_ ref: EntityRef) throws(LedgerStoreError) -> Entity? {
        try entityRow(ref).map { (row) throws(LedgerStoreError) in try row.entity(path: path) }
    }

    /// The ledger's genesis, or nil when the file has none (it was never initialised).
    ///
    /// - Throws: ``LedgerStoreError/notALedger(path:reason:)`` for an unreadable genesis record.
    public func genesis() throws(LedgerStoreError) -> LedgerGenesis? {
        let body = try perform("read the genesis") { () throws -> [UInt8]? in
            try Row.fetchOne(database, sql: "SELECT body FROM genesis WHERE singleton = 1").map {
                Array(try $0.decode(Data.self, forColumn: "body"))
            }
        }
        guard let body else { return nil }
        do {
            return try LedgerGenesis(canonicalBytes: body)
        } catch {
            throw .notALedger(path: path, reason: error.reason)
        }
    }

    /// The state held in the `entities` table, and the log head it belongs to.
    public func state() throws(LedgerStoreError) -> (state: LedgerState, head: LogPosition) {
        var state = LedgerState()
        for row in try entityRows() {
            state.put(try row.entity(path: path))
        }
        return (state, try head())
    }

    /// Runs GRDB calls, naming `operation` if SQLite fails.
    func perform<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws(LedgerStoreError) -> T {
        do {
            return try body()
        } catch {
            throw .sqlite(path: path, operation: operation(), message: "\(error)")
        }
    }
}
