import ArgumentParser
import CommandLineSupport
import Models

/// `--code GROUP --user-payer KEY|me`: one client key on one group's allowlist.
struct AllowlistEntry: ParsableArguments {
    /// The group.
    @Option(name: .long, help: ArgumentHelp("The multicast group (code or pubkey).", valueName: "group"))
    var code: String

    /// The client key.
    @Option(
        name: .long,
        help: ArgumentHelp("The client key (access-pass user payer; base58, or `me`).", valueName: "pubkey"))
    var userPayer: KeyReference

    /// Resolves the group and the key through `session`, then submits the allowlist change `instruction`
    /// makes of them and prints the report.
    func submit(
        _ instruction: (MulticastAllowlistArgs) -> Instruction, in session: LedgerSession, format: OutputFormat
    ) async throws {
        let group = try await session.key(of: MulticastGroup.self, reference: code)
        let args = MulticastAllowlistArgs(group: group, userPayer: try session.publicKey(userPayer))
        try await session.submit([instruction(args)], reportingOn: group, format: format)
    }
}
