import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// `doublezero global-config authority set`: replaces the activator and/or sentinel key.
struct SetAuthority: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Replace the activator and/or sentinel key (foundation members only).")

    /// The authority keys to set.
    @OptionGroup var authorities: AuthorityKeys

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Rejects a call that sets neither key.
    func validate() throws {
        if !authorities.isGiven { throw ValidationError("give --activator, --sentinel or both.") }
    }

    /// Submits SetAuthority.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submit(
            [.setAuthority(try authorities.arguments(in: session))], reportingOn: Entity.globalStateKey,
            format: output.format)
    }
}
