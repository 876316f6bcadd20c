import GRDB

/// The ledger file's tables, as named `DatabaseMigrator` migrations.
///
/// - `log`: one row per accepted transaction, the source of truth. `nonce` holds the UInt64
///   nonce's bit pattern as a signed 64-bit integer (SQLite has no unsigned integers); `changes`
///   is the canonical JSON of ``LogEntry/encodeChanges(_:)``, exactly the bytes the entry hash covers.
/// - `entities`: the current value of every entity (canonical JSON of the value, without the kind
///   wrapper) and the sequence of the log entry that last wrote it: an index over the log that
///   makes opening fast and that ``LedgerVerifier`` checks against a replay.
/// - `genesis` (v2): one row, the canonical JSON of the ledger's ``LedgerGenesis``, written when
///   the file is created and never changed.
enum LedgerStoreSchema {
    /// The migrations, oldest first. Never edit a shipped migration: add a new one.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE log (
                        sequence INTEGER PRIMARY KEY,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL,
                        message BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        signer BLOB NOT NULL,
                        nonce INTEGER NOT NULL,
                        changes BLOB NOT NULL,
                        UNIQUE (signer, nonce)
                    );
                    CREATE TABLE entities (
                        kind TEXT NOT NULL,
                        pubkey TEXT NOT NULL,
                        value BLOB NOT NULL,
                        sequence INTEGER NOT NULL,
                        PRIMARY KEY (kind, pubkey)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2-genesis") { db in
            try db.execute(
                sql: """
                    CREATE TABLE genesis (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        body BLOB NOT NULL
                    );
                    """)
        }
        return migrator
    }()
}
