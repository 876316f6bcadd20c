import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> create`: submits a signed create instruction for a new account of one kind.
struct CreateEntity<Entity: CreatableEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "create",
            abstract: "Create \(Entity.nounWithArticle).",
            discussion: """
                Submits a signed create transaction and prints the new account's key and the transaction. \
                Kinds that need resources (addresses, IDs) start Pending until the activator allocates \
                them; --wait waits for that.
                """,
            aliases: Entity.createAliases
        )
    }

    /// The new account's fields.
    @OptionGroup(title: "Fields") var fields: Entity.CreateFields

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The signing key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Whether to wait for activation.
    @OptionGroup var wait: WaitOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the create and prints the new account's key.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let receipt = try await session.submit(try await fields.instructions(in: session))
        let created = receipt.changes.first { $0.ref.kind == Entity.Record.kind && $0.entity != nil }?.ref.pubkey
        if wait.wait, let created {
            try await session.waitUntilSettled(Entity.Record.self, at: created)
        }
        print(try MutationReport(account: created, receipt: receipt).rendered(output.format), terminator: "")
    }
}
