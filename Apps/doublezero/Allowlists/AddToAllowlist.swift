import ArgumentParser
import CommandLineSupport

/// `doublezero multicast-group allowlist publisher|subscriber add`.
struct AddToAllowlist<Role: MulticastAllowlistRole>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: "Allow a client key to \(Role.verbPhrase) a group.")
    }

    /// The group and the key.
    @OptionGroup var entry: AllowlistEntry

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// The group owner's (or a foundation member's) key.
    @OptionGroup var keypair: KeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the add instruction.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await entry.submit(Role.addInstruction, in: session, format: output.format)
    }
}
