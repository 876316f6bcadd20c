/// How a ``LedgerStore/write(_:)`` transaction ends, and the value it returns.
public enum LedgerStoreWriteOutcome<Value> {
    /// Commit the transaction's writes, then return `value`.
    case commit(Value)
    /// Roll every write back (the file is unchanged), then return `value`.
    case rollback(Value)
}

extension LedgerStoreWriteOutcome: Sendable where Value: Sendable {}
