import GRDB

extension LedgerStore {
    /// Runs arbitrary SQL on the writer connection, outside any ledger rule.
    ///
    /// For tests that damage a file on purpose (to prove ``LedgerVerifier`` notices) and that
    /// inspect connection settings; never for ledger code, hence the SPI.
    @_spi(LedgerStoreTesting)
    public func executeRawSQL(_ sql: String) throws(LedgerStoreError) {
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
        } catch {
            throw .sqlite(path: path, operation: "raw SQL \(sql.prefix(60))", message: "\(error)")
        }
    }

    /// The first column of the first row `sql` returns on the writer connection, as text.
    @_spi(LedgerStoreTesting)
    public func rawScalarOnWriter(_ sql: String) throws(LedgerStoreError) -> String? {
        do {
            return try pool.writeWithoutTransaction { db in
                guard let value = try DatabaseValue.fetchOne(db, sql: sql) else { return nil }
                switch value.storage {
                case .null: return nil
                case .int64(let number): return String(number)
                case .double(let number): return String(number)
                case .string(let text): return text
                case .blob(let bytes): return Hex.encode(bytes)
                }
            }
        } catch {
            throw .sqlite(path: path, operation: "raw SQL \(sql.prefix(60))", message: "\(error)")
        }
    }
}
