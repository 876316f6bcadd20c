import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> delete`: submits a signed delete of one account.
struct DeleteEntity<Entity: DeletableEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delete",
            abstract: "Delete \(Entity.nounWithArticle).",
            discussion: """
                Fails while other accounts still refer to it. Accounts holding resources go to Deleting \
                until the activator releases them and closes the account; --wait waits for that.
                """,
            aliases: Entity.deleteAliases
        )
    }

    /// Which account to delete.
    @OptionGroup var account: AccountSelector

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The signing key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Whether to wait until the account is closed.
    @OptionGroup var wait: WaitOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the delete and prints the transaction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let record = try await account.record(Entity.Record.self, in: session)
        let receipt = try await session.submit([Entity.deleteInstruction(for: record)])
        if wait.wait {
            try await session.waitUntilRemoved(Entity.Record.self, at: record.pubkey)
        }
        print(try MutationReport(account: record.pubkey, receipt: receipt).rendered(output.format), terminator: "")
    }
}
