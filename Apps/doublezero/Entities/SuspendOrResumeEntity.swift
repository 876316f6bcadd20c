import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> suspend` and `doublezero <kind> resume` (`reactivate` for multicast groups):
/// takes one account out of service or puts it back, as `Action` says (foundation only).
struct SuspendOrResumeEntity<Entity: SuspendableEntity, Action: LifecycleAction>: AsyncParsableCommand {
    static var configuration: CommandConfiguration { Action.configuration(for: Entity.self) }

    /// Which account to act on.
    @OptionGroup var account: AccountSelector

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the action's instruction and prints the transaction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(to: Entity.Record.self, selectedBy: account, format: output.format) {
            [Action.instruction(for: Entity.self, at: $0.pubkey)]
        }
    }
}
