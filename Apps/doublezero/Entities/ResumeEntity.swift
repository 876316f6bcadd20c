import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> resume` (`reactivate` for multicast groups): puts a suspended account back in
/// service (foundation only).
struct ResumeEntity<Entity: SuspendableEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Entity.resumeCommandName,
            abstract: "Put a suspended \(Entity.noun) back in service (foundation only)."
        )
    }

    /// Which account to resume.
    @OptionGroup var account: AccountSelector

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: KeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the resumption and prints the transaction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let record = try await account.record(Entity.Record.self, in: session)
        try await session.submit(
            [Entity.resumeInstruction(record.pubkey)], reportingOn: record.pubkey, format: output.format)
    }
}
