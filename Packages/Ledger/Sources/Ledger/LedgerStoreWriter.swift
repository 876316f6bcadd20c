import Foundation
import GRDB
import Models

/// Writes to a ledger file inside one IMMEDIATE SQLite transaction, which holds the file's write
/// lock: no other connection or process can append until it commits or rolls back.
///
/// Only valid inside the closure of ``LedgerStore/write(_:)``.
public struct LedgerStoreWriter {
    /// Reads within the same transaction (they see this transaction's own writes).
    public let reader: LedgerStoreReader

    init(database: Database, path: String) {
        reader = LedgerStoreReader(database: database, path: path)
    }

    /// The ledger file, for errors.
    public var path: String { reader.path }

    /// Records the ledger's genesis in a file that has none.
    ///
    /// - Throws: ``LedgerStoreError/sqlite(path:operation:message:)`` if the file already has one.
    public func setGenesis(_ genesis: LedgerGenesis) throws(LedgerStoreError) {
        let database = reader.database
        try reader.perform("record the genesis") {
            try database.execute(
                sql: "INSERT INTO genesis (singleton, body) VALUES (1, ?)", arguments: [Data(genesis.canonicalBytes)])
        }
    }

    /// Appends `entry`: inserts its log row, then writes each change to the `entities` table
    /// (upsert of the new value with `sequence` = the entry's sequence, or delete).
    ///
    /// The caller is responsible for the entry continuing the log (its sequence and previous
    /// hash); SQLite refuses a repeated sequence or (signer, nonce).
    public func append(_ entry: LogEntry) throws(LedgerStoreError) {
        let database = reader.database
        try reader.perform("append log entry \(entry.sequence)") {
            try database.cachedStatement(
                sql: """
                    INSERT INTO log (sequence, previous_hash, hash, message, signature, signer, nonce, changes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: StoredLogRow(entry).insertArguments)
            for (change, value) in zip(entry.changes, entry.encodedChanges.values) {
                if let value {
                    try database.cachedStatement(
                        sql: """
                            INSERT INTO entities (kind, pubkey, value, sequence) VALUES (?, ?, ?, ?)
                            ON CONFLICT (kind, pubkey) DO UPDATE SET value = excluded.value, sequence = excluded.sequence
                            """
                    ).execute(arguments: [
                        change.ref.kind.rawValue, change.ref.pubkey.base58, Data(value),
                        Int64(bitPattern: entry.sequence),
                    ])
                } else {
                    try database.cachedStatement(sql: "DELETE FROM entities WHERE kind = ? AND pubkey = ?")
                        .execute(arguments: [change.ref.kind.rawValue, change.ref.pubkey.base58])
                }
            }
        }
    }
}
