import Foundation
import GRDB
import Models

/// One row of the `log` table exactly as stored, before any check.
///
/// ``logEntry(path:)`` turns it into a ``LogEntry``, checking the signature and the entry hash;
/// ``LedgerVerifier`` reads these raw rows so it can name every kind of damage.
public struct StoredLogRow: Hashable, Sendable {
    /// The `sequence` column.
    public var sequence: UInt64
    /// The `previous_hash` column (hex).
    public var previousHash: String
    /// The `hash` column (hex).
    public var hash: String
    /// The `message` column: the exact signed message bytes.
    public var message: [UInt8]
    /// The `signature` column.
    public var signature: [UInt8]
    /// The `signer` column: the signer's 32 key bytes (an index copy of the message's signer).
    public var signer: [UInt8]
    /// The `nonce` column (an index copy of the message's nonce).
    public var nonce: UInt64
    /// The `changes` column: canonical JSON of the change list.
    public var changes: [UInt8]

    /// Creates a row from its columns.
    public init(
        sequence: UInt64, previousHash: String, hash: String, message: [UInt8], signature: [UInt8], signer: [UInt8],
        nonce: UInt64, changes: [UInt8]
    ) {
        self.sequence = sequence
        self.previousHash = previousHash
        self.hash = hash
        self.message = message
        self.signature = signature
        self.signer = signer
        self.nonce = nonce
        self.changes = changes
    }

    /// The row that stores `entry`.
    public init(_ entry: LogEntry) {
        self.init(
            sequence: entry.sequence, previousHash: entry.previousHash, hash: entry.hash,
            message: entry.transaction.messageBytes, signature: entry.transaction.signature,
            signer: entry.transaction.message.signer.bytes, nonce: entry.transaction.message.nonce,
            changes: entry.encodedChanges.json)
    }

    /// Reads a `SELECT * FROM log` row.
    init(row: Row, path: String) throws(LedgerStoreError) {
        let rawSequence = (try? row.decode(Int64.self, forColumn: "sequence")) ?? -1
        guard let sequence = UInt64(exactly: rawSequence) else {
            throw .corruptLogEntry(path: path, sequence: 0, reason: "sequence \(rawSequence) is not a positive integer")
        }
        do {
            self.init(
                sequence: sequence,
                previousHash: try row.decode(String.self, forColumn: "previous_hash"),
                hash: try row.decode(String.self, forColumn: "hash"),
                message: Array(try row.decode(Data.self, forColumn: "message")),
                signature: Array(try row.decode(Data.self, forColumn: "signature")),
                signer: Array(try row.decode(Data.self, forColumn: "signer")),
                nonce: UInt64(bitPattern: try row.decode(Int64.self, forColumn: "nonce")),
                changes: Array(try row.decode(Data.self, forColumn: "changes")))
        } catch {
            throw .corruptLogEntry(path: path, sequence: sequence, reason: "unreadable column: \(error)")
        }
    }

    /// The `INSERT` arguments, in column order.
    var insertArguments: StatementArguments {
        [
            Int64(bitPattern: sequence), previousHash, hash, Data(message), Data(signature), Data(signer),
            Int64(bitPattern: nonce), Data(changes),
        ]
    }

    /// The entry this row stores, after checking the signature, the index columns and the hash.
    ///
    /// - Parameter path: the ledger file, for the error.
    /// - Throws: ``LedgerStoreError/corruptLogEntry(path:sequence:reason:)`` naming what is wrong.
    public func logEntry(path: String) throws(LedgerStoreError) -> LogEntry {
        let transaction: SignedTransaction
        do {
            transaction = try SignedTransaction(messageBytes: message, signature: signature)
        } catch {
            throw .corruptLogEntry(
                path: path, sequence: sequence, reason: "the stored transaction is invalid: \(error)")
        }
        guard transaction.message.signer.bytes == signer, transaction.message.nonce == nonce else {
            throw .corruptLogEntry(
                path: path, sequence: sequence,
                reason:
                    "the signer/nonce columns do not match the signed message (\(transaction.message.signer), \(transaction.message.nonce))"
            )
        }
        let decodedChanges: [StateChange]
        do {
            decodedChanges = try CanonicalJSON.decodeChanges(changes)
        } catch {
            throw .corruptLogEntry(path: path, sequence: sequence, reason: "the stored changes do not decode: \(error)")
        }
        let entry = LogEntry(
            sequence: sequence, previousHash: previousHash, transaction: transaction, changes: decodedChanges)
        guard entry.hash == hash else {
            throw .corruptLogEntry(
                path: path, sequence: sequence,
                reason: "the stored hash \(hash) does not match the contents (\(entry.hash))")
        }
        return entry
    }
}
