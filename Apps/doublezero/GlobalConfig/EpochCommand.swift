import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// `doublezero global-config epoch`: the ledger's epoch, which access passes count in.
struct EpochCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epoch",
        abstract: "Show or move forward the ledger epoch.",
        discussion: "Access passes admit unicast users while their last_access_epoch is at least the epoch.",
        subcommands: [GetEpoch.self, SetEpoch.self]
    )
}

/// `doublezero global-config epoch get`.
struct GetEpoch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print the current epoch.")

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Prints the epoch.
    func run() async throws {
        print(try await LedgerSession(ledger: ledger, keypair: keypair).requireGlobalState().epoch)
    }
}

/// `doublezero global-config epoch set --epoch N`.
struct SetEpoch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Move the epoch forward (foundation members only; it never goes back).")

    /// The new epoch.
    @Option(name: .long, help: ArgumentHelp("The new epoch (at least the current one).", valueName: "epoch"))
    var epoch: UInt64

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits SetEpoch.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submit(
            [.setEpoch(SetEpochArgs(epoch: epoch))], reportingOn: Entity.globalStateKey, format: output.format)
    }
}
