import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero global-config authority get`: prints the activator and sentinel keys.
struct GetAuthority: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print the activator and sentinel keys.")

    /// Key/value lines or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Reads the global state and prints its authorities (JSON: the whole global state).
    func run() async throws {
        let state = try await LedgerSession(ledger: ledger, keypair: keypair).requireGlobalState()
        let columns: [TableColumn<GlobalState>] = [
            .init("activator_authority") { $0.activatorAuthority.base58 },
            .init("sentinel_authority") { $0.sentinelAuthority.base58 },
        ]
        print(try RecordOutput.detail(state, columns: columns, json: state, format: output.format), terminator: "")
    }
}
