import ArgumentParser

/// `--pubkey PUBKEY|CODE`: the account that `update`, `delete` and the other one-account verbs act on
/// (upstream accepts either).
struct AccountSelector: RecordSelecting {
    /// The account's public key, or its code where it has one.
    @Option(
        name: .long,
        help: ArgumentHelp("The account to act on: its public key, or its code where it has one.", valueName: "pubkey"))
    var pubkey: String

    /// The record with that key or code.
    func record<Record: LedgerRecord>(_ type: Record.Type, in session: LedgerSession) async throws -> Record {
        try await session.record(Record.self, reference: pubkey)
    }
}
