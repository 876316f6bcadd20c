import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> list`: prints the accounts of one kind as a table or JSON.
struct ListEntities<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: "List \(Entity.pluralNoun).",
            discussion: "Prints one row per account (a table, or a JSON array with --json / --json-compact)."
        )
    }

    /// Filters that narrow the rows.
    @OptionGroup(title: "Filters") var filters: Entity.ListFilters

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for in filters.
    @OptionGroup var keypair: CLIKeypairOption

    /// Reads the matching records and prints them.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let query = try await filters.query(in: session)
        let records = try await session.records(Entity.Record.self, matching: query.filter).filter(query.matches)
        let accounts = try await ReferencedAccounts(kinds: Entity.referencedKinds, from: session)
        let rows = records.map { AccountRow(record: $0, accounts: accounts) }
            .sorted { Entity.sortKey(of: $0) < Entity.sortKey(of: $1) }
        let text = try RecordOutput.list(
            rows, columns: Entity.columns.listed(narrow: filters.narrow), json: rows.map { $0.record },
            format: output.format)
        print(text, terminator: "")
    }
}
