import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> get`: prints one account as key/value lines or JSON.
struct GetEntity<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "get",
            abstract: "Show one \(Entity.noun).",
            discussion: "Prints every field as `key | value` lines, or a JSON object with --json."
        )
    }

    /// Which account to show.
    @OptionGroup var selector: Entity.GetSelector

    /// Key/value lines or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for.
    @OptionGroup var keypair: CLIKeypairOption

    /// Reads the record and prints it.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let record = try await selector.record(Entity.Record.self, in: session)
        let accounts = try await ReferencedAccounts(kinds: Entity.referencedKinds, from: session)
        let row = AccountRow(record: record, accounts: accounts)
        let text = try RecordOutput.detail(
            row, columns: Entity.columns, tables: Entity.detailTables(of: row), json: record, format: output.format)
        print(text, terminator: "")
    }
}
