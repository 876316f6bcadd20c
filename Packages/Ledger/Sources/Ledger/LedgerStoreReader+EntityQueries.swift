import GRDB
import Models

extension LedgerStoreReader {
    /// The raw rows of the entities of `kind` whose stored value JSON satisfies `filter` (in SQL,
    /// see ``EntityFilter/sqlCondition(on:)``), in no particular order.
    public func entityRows(of kind: EntityKind, matching filter: EntityFilter) throws(LedgerStoreError)
        -> [StoredEntityRow]
    {
        var sql = "SELECT kind, pubkey, value, sequence FROM entities WHERE kind = ?"
        var arguments: StatementArguments = [kind.rawValue]
        if let condition = filter.sqlCondition(on: "CAST(value AS TEXT)") {
            sql += " AND " + condition.sql
            arguments += condition.arguments
        }
        let rows = try perform("read the \(kind.rawValue) entities matching \(filter.conditions)") {
            try Row.fetchAll(database.cachedStatement(sql: sql), arguments: arguments)
        }
        var result: [StoredEntityRow] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            result.append(try StoredEntityRow(row: row, path: path))
        }
        return result
    }

    /// The stored entities of `kind` that match `filter`, ordered by key. Only the matching
    /// rows are decoded.
    public func entities(of kind: EntityKind, matching filter: EntityFilter) throws(LedgerStoreError) -> [Entity] {
        var entities: [Entity] = []
        for row in try entityRows(of: kind, matching: filter) {
            entities.append(try row.entity(path: path))
        }
        entities.sort { $0.pubkey < $1.pubkey }
        return entities
    }
}
