import ArgumentParser

/// The flags of a `list` verb: which records to show, and how wide the table is.
protocol ListFiltering: ParsableArguments {
    /// The kind of record listed.
    associatedtype Record: LedgerRecord
    /// The query the flags ask for; codes and `me` are resolved through `session`.
    func query(in session: LedgerSession) async throws -> RecordQuery<Record>
    /// Whether `--narrow` asked to leave out the wide columns.
    var narrow: Bool { get }
}

extension ListFiltering {
    /// Full width unless a kind has `--narrow`.
    var narrow: Bool { false }
}
