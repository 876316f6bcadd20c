import ArgumentParser

/// The filters of a `list` that takes none: every account of the kind is listed.
struct NoListFilters<Record: LedgerRecord>: ListFiltering {
    /// Every record.
    func query(in session: LedgerSession) async throws -> RecordQuery<Record> { RecordQuery() }
}
