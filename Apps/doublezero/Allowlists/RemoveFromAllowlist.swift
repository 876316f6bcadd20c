import ArgumentParser
import CommandLineSupport

/// `doublezero multicast-group allowlist publisher|subscriber remove`.
struct RemoveFromAllowlist<Role: MulticastAllowlistRole>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "remove", abstract: "Withdraw a client key's right to \(Role.verbPhrase) a group.")
    }

    /// The group and the key.
    @OptionGroup var entry: AllowlistEntry

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// The group owner's (or a foundation member's) key.
    @OptionGroup var keypair: KeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the remove instruction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await entry.submit(Role.removeInstruction, in: session, format: output.format)
    }
}
