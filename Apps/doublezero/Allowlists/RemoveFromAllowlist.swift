import ArgumentParser

/// `doublezero multicast-group allowlist publisher|subscriber remove`.
struct RemoveFromAllowlist<Role: MulticastAllowlistRole>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "remove", abstract: "Withdraw a client key's right to \(Role.verbPhrase) a group.")
    }

    /// The group, the key, the ledger, the signer and the output format.
    @OptionGroup var change: AllowlistChange

    /// Submits the remove instruction.
    func run() async throws { try await change.submit(Role.removeInstruction) }
}
