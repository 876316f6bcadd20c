import ArgumentParser

/// The flags of a verb that picks one existing record (`get`, `update`, `delete`, …).
protocol RecordSelecting: ParsableArguments {
    /// The record the flags name.
    ///
    /// - Throws: ``CommandLineSupport/CommandFailure`` when there is none.
    func record<Record: LedgerRecord>(_ type: Record.Type, in session: LedgerSession) async throws -> Record
}
