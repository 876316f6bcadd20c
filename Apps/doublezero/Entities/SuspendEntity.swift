import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> suspend`: takes one account out of service (foundation only).
struct SuspendEntity<Entity: SuspendableEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "suspend",
            abstract: "Suspend \(Entity.nounWithArticle) (foundation only).",
            discussion: "Takes it out of service until `\(Entity.resumeCommandName)`."
        )
    }

    /// Which account to suspend.
    @OptionGroup var account: AccountSelector

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: KeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the suspension and prints the transaction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let record = try await account.record(Entity.Record.self, in: session)
        try await session.submit(
            [Entity.suspendInstruction(record.pubkey)], reportingOn: record.pubkey, format: output.format)
    }
}
