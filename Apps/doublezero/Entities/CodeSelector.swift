import ArgumentParser

/// `--code CODE`: picks one account by its code (or public key), as upstream `get --code` does.
struct CodeSelector: RecordSelecting {
    /// The account's code or public key.
    @Option(name: .long, help: ArgumentHelp("The account's code (or its public key).", valueName: "code"))
    var code: String

    /// The record with that code or key.
    func record<Record: LedgerRecord>(_ type: Record.Type, in session: LedgerSession) async throws -> Record {
        try await session.record(Record.self, reference: code)
    }
}
