import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// `doublezero global-config add-publisher-block`: adds a range to the multicast publisher pool.
struct AddPublisherBlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-publisher-block",
        abstract: "Add a range to the global multicast publisher pool (foundation members only).",
        discussion: "Publishers get their DoubleZero IP from these ranges. Ranges are never removed.")

    /// The range.
    @Option(name: .long, help: ArgumentHelp("A globally routable range (e.g. 147.51.128.0/23).", valueName: "prefix"))
    var prefix: IPv4Prefix

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits AddMulticastPublisherBlock.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submit(
            [.addMulticastPublisherBlock(PrefixArgs(prefix: prefix))], reportingOn: Entity.globalConfigKey,
            format: output.format)
    }
}
