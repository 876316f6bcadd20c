import ArgumentParser
import CommandLineSupport
import Models

/// What adding a client key to, or removing it from, a group's allowlist takes:
/// `--code GROUP --user-payer KEY|me`, the ledger, the signer and the output format.
struct AllowlistChange: ParsableArguments {
    /// The group.
    @Option(name: .long, help: ArgumentHelp("The multicast group (code or pubkey).", valueName: "group"))
    var code: String

    /// The client key.
    @Option(
        name: .long,
        help: ArgumentHelp("The client key (access-pass user payer; base58, or `me`).", valueName: "pubkey"))
    var userPayer: KeyReference

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The group owner's (or a foundation member's) key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Resolves the group and the key, then submits the allowlist change `instruction` makes of them
    /// and prints the report about the group.
    func submit(_ instruction: (MulticastAllowlistArgs) -> Instruction) async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let group = try await session.key(of: MulticastGroup.self, reference: code)
        let args = MulticastAllowlistArgs(group: group, userPayer: try session.publicKey(userPayer))
        try await session.submit([instruction(args)], reportingOn: group, format: output.format)
    }
}
