import Foundation
import GRDB
import Models

/// One row of the `entities` table exactly as stored, before any check.
public struct StoredEntityRow: Hashable, Sendable {
    /// The `kind` column (an ``EntityKind`` raw value).
    public var kind: String
    /// The `pubkey` column (base58).
    public var pubkey: String
    /// The `value` column: canonical JSON of the entity's value.
    public var value: [UInt8]
    /// The `sequence` column: the log entry that last wrote this entity.
    public var sequence: UInt64

    /// Creates a row from its columns.
    public init(kind: String, pubkey: String, value: [UInt8], sequence: UInt64) {
        self.kind = kind
        self.pubkey = pubkey
        self.value = value
        self.sequence = sequence
    }

    /// The row that stores `entity` as written by log entry `sequence`.
    public init(_ entity: Entity, sequence: UInt64) {
        self.init(
            kind: entity.kind.rawValue, pubkey: entity.pubkey.base58, value: CanonicalJSON.encodeValue(of: entity),
            sequence: sequence)
    }

    /// Reads a `SELECT kind, pubkey, value, sequence FROM entities` row.
    init(row: Row, path: String) throws(LedgerStoreError) {
        let kind = (try? row.decode(String.self, forColumn: "kind")) ?? "?"
        let pubkey = (try? row.decode(String.self, forColumn: "pubkey")) ?? "?"
        do {
            let sequence = try row.decode(Int64.self, forColumn: "sequence")
            self.init(
                kind: kind, pubkey: pubkey, value: Array(try row.decode(Data.self, forColumn: "value")),
                sequence: UInt64(bitPattern: sequence))
        } catch {
            throw .corruptEntityRow(path: path, kind: kind, pubkey: pubkey, reason: "unreadable column: \(error)")
        }
    }

    /// The entity this row stores, after checking that its kind is known and that the value's
    /// own key is the row's key.
    ///
    /// - Parameter path: the ledger file, for the error.
    /// - Throws: ``LedgerStoreError/corruptEntityRow(path:kind:pubkey:reason:)``.
    public func entity(path: String) throws(LedgerStoreError) -> Entity {
        guard let entityKind = EntityKind(rawValue: kind) else {
            throw .corruptEntityRow(path: path, kind: kind, pubkey: pubkey, reason: "unknown kind '\(kind)'")
        }
        let entity: Entity
        do {
            entity = try CanonicalJSON.decodeEntity(kind: entityKind, value: value)
        } catch {
            throw .corruptEntityRow(
                path: path, kind: kind, pubkey: pubkey, reason: "the value does not decode: \(error)")
        }
        guard entity.pubkey.base58 == pubkey else {
            throw .corruptEntityRow(
                path: path, kind: kind, pubkey: pubkey, reason: "the value's own key is \(entity.pubkey)")
        }
        return entity
    }
}
