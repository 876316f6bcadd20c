import Crypto
import Foundation
import Models

extension LedgerStoreReader {
    /// ``LedgerState/stateHash`` of the state the `entities` table holds, computed from the
    /// stored value JSON (the canonical JSON the ledger wrote) without decoding any entity.
    ///
    /// Each entity's canonical JSON is `{"kind":"<kind>","value":<value>}`, so the stored value
    /// bytes are hashed inside that frame, in the state hash's order: kinds as ``EntityKind``
    /// lists them, then keys by their bytes.
    ///
    /// - Throws: ``LedgerStoreError/corruptEntityRow(path:kind:pubkey:reason:)`` for a row of an
    ///   unknown kind or with a key that is not base58 of 32 bytes.
    public func stateHash() throws(LedgerStoreError) -> String {
        var rowsByKind: [EntityKind: [(key: PublicKey, value: [UInt8])]] = [:]
        for row in try entityRows() {
            guard let kind = EntityKind(rawValue: row.kind) else {
                throw .corruptEntityRow(path: path, kind: row.kind, pubkey: row.pubkey, reason: "unknown kind")
            }
            guard let key = PublicKey(base58: row.pubkey) else {
                throw .corruptEntityRow(
                    path: path, kind: row.kind, pubkey: row.pubkey, reason: "the key is not base58 of 32 bytes")
            }
            rowsByKind[kind, default: []].append((key, row.value))
        }
        var hasher = SHA256()
        for kind in EntityKind.allCases {
            guard var rows = rowsByKind[kind] else { continue }
            rows.sort { $0.key < $1.key }
            let prefix = Array(#"{"kind":""#.utf8) + Array(kind.rawValue.utf8) + Array(#"","value":"#.utf8)
            for row in rows {
                hasher.update(data: prefix)
                hasher.update(data: row.value)
                hasher.update(data: Array("}\n".utf8))
            }
        }
        return Hex.encode(hasher.finalize())
    }
}
