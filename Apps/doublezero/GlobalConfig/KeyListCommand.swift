import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// `doublezero global-config allowlist|qa-allowlist`: list, add and remove keys.
struct KeyListCommand<List: GlobalKeyList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: List.commandName,
            abstract: "List, add or remove \(List.members).",
            discussion: "\(List.role) Changes need a foundation member's key.",
            subcommands: [ListKeys<List>.self, AddKey<List>.self, RemoveKey<List>.self]
        )
    }
}

/// `… list`: the keys on the list.
struct ListKeys<List: GlobalKeyList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List the \(List.members).")
    }

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Prints one `pubkey` row per key (JSON: an array of keys).
    func run() async throws {
        let keys = List.keys(in: try await LedgerSession(ledger: ledger, keypair: keypair).requireGlobalState())
        let columns: [TableColumn<PublicKey>] = [.init("pubkey") { $0.base58 }]
        print(try RecordOutput.list(keys, columns: columns, json: keys, format: output.format), terminator: "")
    }
}

/// `… add --pubkey KEY`.
struct AddKey<List: GlobalKeyList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: "Add a key to the \(List.members).")
    }

    /// The key, ledger, signer and output format.
    @OptionGroup var change: KeyListChange

    /// Submits the add instruction.
    func run() async throws { try await change.submit(List.addInstruction) }
}

/// `… remove --pubkey KEY`.
struct RemoveKey<List: GlobalKeyList>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "remove", abstract: "Remove a key from the \(List.members).")
    }

    /// The key, ledger, signer and output format.
    @OptionGroup var change: KeyListChange

    /// Submits the remove instruction.
    func run() async throws { try await change.submit(List.removeInstruction) }
}

/// What adding a key to, or removing it from, a global key list takes.
struct KeyListChange: ParsableArguments {
    /// The key.
    @Option(name: .long, help: ArgumentHelp("The key (base58, or `me`).", valueName: "pubkey"))
    var pubkey: KeyReference

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits the change `instruction` makes of the key and prints the report.
    func submit(_ instruction: (PubkeyArgs) -> Instruction) async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let args = PubkeyArgs(pubkey: try session.publicKey(pubkey))
        try await session.submit([instruction(args)], reportingOn: Entity.globalStateKey, format: output.format)
    }
}
