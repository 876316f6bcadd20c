import Crypto
import Foundation
import GRDB
import Models

extension LedgerStoreReader {
    /// ``LedgerState/stateHash`` of the state the `entities` table holds, computed from the
    /// stored value JSON (the canonical JSON the ledger wrote) without decoding any entity.
    ///
    /// Each entity's canonical JSON is `{"kind":"<kind>","value":<value>}`, so the stored value
    /// bytes are hashed inside that frame, in the state hash's order: kinds as ``EntityKind``
    /// lists them, then keys by their bytes. Rows are read with a cursor, and only each key and
    /// value is kept until the kind is sorted.
    ///
    /// - Throws: ``LedgerStoreError/corruptEntityRow(path:kind:pubkey:reason:)`` for a row of an
    ///   unknown kind or with a key that is not base58 of 32 bytes.
    public func stateHash() throws(LedgerStoreError) -> String {
        var hasher = SHA256()
        for kind in EntityKind.allCases {
            var rows = try keysAndValues(of: kind)
            rows.sort { $0.key < $1.key }
            let prefix = Array(#"{"kind":""#.utf8) + Array(kind.rawValue.utf8) + Array(#"","value":"#.utf8)
            for row in rows {
                hasher.update(data: prefix)
                hasher.update(data: row.value)
                hasher.update(data: Array("}\n".utf8))
            }
        }
        guard try unknownKindCount() == 0 else {
            throw .corruptEntityRow(path: path, kind: "?", pubkey: "?", reason: "a row has an unknown kind")
        }
        return Hex.encode(hasher.finalize())
    }

    /// Every stored key and value JSON of `kind`, in no particular order.
    private func keysAndValues(of kind: EntityKind) throws(LedgerStoreError) -> [(key: PublicKey, value: [UInt8])] {
        var badKey: String?
        let rows = try perform("read the \(kind.rawValue) entities") {
            () throws -> [(key: PublicKey, value: [UInt8])] in
            var rows: [(key: PublicKey, value: [UInt8])] = []
            let cursor = try Row.fetchCursor(
                database.cachedStatement(sql: "SELECT pubkey, value FROM entities WHERE kind = ?"),
                arguments: [kind.rawValue])
            while let row = try cursor.next() {
                let text: String = row[0]
                guard let key = PublicKey(base58: text) else {
                    badKey = text
                    break
                }
                let value = try row.withUnsafeData(atIndex: 1) { data in data.map { Array($0) } ?? [] }
                rows.append((key, value))
            }
            return rows
        }
        if let badKey {
            throw .corruptEntityRow(
                path: path, kind: kind.rawValue, pubkey: badKey, reason: "the key is not base58 of 32 bytes")
        }
        return rows
    }

    /// How many rows name a kind this code does not know.
    private func unknownKindCount() throws(LedgerStoreError) -> Int {
        let known = EntityKind.allCases.map(\.rawValue)
        return try perform("count entity rows of unknown kinds") {
            try Int.fetchOne(
                database,
                sql: "SELECT count(*) FROM entities WHERE kind NOT IN (\(databaseQuestionMarks(count: known.count)))",
                arguments: StatementArguments(known)) ?? 0
        }
    }
}
