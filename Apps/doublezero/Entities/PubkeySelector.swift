import ArgumentParser

/// `--pubkey PUBKEY`: picks one account by its public key, for kinds that have no code (users).
struct PubkeySelector: RecordSelecting {
    /// The account's public key (base58).
    @Option(name: .long, help: ArgumentHelp("The account's public key (base58).", valueName: "pubkey"))
    var pubkey: String

    /// The record with that key.
    func record<Record: LedgerRecord>(_ type: Record.Type, in session: LedgerSession) async throws -> Record {
        try await session.record(Record.self, reference: pubkey)
    }
}
