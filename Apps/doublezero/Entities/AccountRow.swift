import CommandLineSupport

/// One record as a table row: the record, plus the accounts it refers to (for their codes and names).
///
/// Record fields read straight through (`row.code`, `row.status`); references go through
/// ``accounts`` (`row.accounts.code(of: row.contributor)`).
@dynamicMemberLookup
struct AccountRow<Record> {
    /// The record shown.
    let record: Record
    /// The accounts it may refer to.
    let accounts: ReferencedAccounts

    /// A field of the record.
    subscript<Value>(dynamicMember keyPath: KeyPath<Record, Value>) -> Value {
        record[keyPath: keyPath]
    }
}

/// A table column over rows of one kind of record.
typealias RecordColumn<Record> = TableColumn<AccountRow<Record>>
