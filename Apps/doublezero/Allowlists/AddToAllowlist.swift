import ArgumentParser

/// `doublezero multicast-group allowlist publisher|subscriber add`.
struct AddToAllowlist<Role: MulticastAllowlistRole>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: "Allow a client key to \(Role.verbPhrase) a group.")
    }

    /// The group, the key, the ledger, the signer and the output format.
    @OptionGroup var change: AllowlistChange

    /// Submits the add instruction.
    func run() async throws { try await change.submit(Role.addInstruction) }
}
