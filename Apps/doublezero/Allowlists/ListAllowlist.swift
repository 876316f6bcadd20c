import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero multicast-group allowlist publisher|subscriber list`.
struct ListAllowlist<Role: MulticastAllowlistRole>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List the client keys that may \(Role.verbPhrase) a group.")
    }

    /// The group.
    @OptionGroup var selector: CodeSelector

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Prints the list: `account | multicast_group | user_payer` rows, or a JSON array of keys.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let group = try await selector.record(MulticastGroup.self, in: session)
        let members = Role.members(of: group)
        let columns: [TableColumn<PublicKey>] = [
            .init("account") { _ in group.pubkey.base58 },
            .init("multicast_group") { _ in group.code },
            .init("user_payer") { $0.base58 },
        ]
        print(try RecordOutput.list(members, columns: columns, json: members, format: output.format), terminator: "")
    }
}
