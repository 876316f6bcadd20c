import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> update`: submits a signed update of some fields of one account.
struct UpdateEntity<Entity: UpdatableEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "update",
            abstract: "Change fields of \(Entity.nounWithArticle).",
            discussion: "Only the fields given change. Submits a signed transaction and prints it."
        )
    }

    /// Which account to change.
    @OptionGroup var account: AccountSelector

    /// The fields to change.
    @OptionGroup(title: "Fields") var fields: Entity.UpdateFields

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The signing key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Whether to wait until the change is applied.
    @OptionGroup var wait: WaitOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the update and prints the transaction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let record = try await account.record(Entity.Record.self, in: session)
        let receipt = try await session.submit(try await fields.instructions(updating: record, in: session))
        if wait.wait {
            try await session.waitUntilSettled(Entity.Record.self, at: record.pubkey)
        }
        print(try MutationReport(account: record.pubkey, receipt: receipt).rendered(output.format), terminator: "")
    }
}
