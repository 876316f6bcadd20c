import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero link accept`: side Z accepts a requested DZX link, naming its interface.
struct AcceptLink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept a requested DZX link on side Z (side-Z contributor owner or foundation).",
        discussion: """
            Binds the side-Z interface (from now on the link holds the side-Z device); the link then \
            waits (Pending) for the activator.
            """)

    /// Which link.
    @OptionGroup var account: AccountSelector

    /// The side-Z interface.
    @Option(name: .long, help: ArgumentHelp("Side Z interface name (e.g. Ethernet2).", valueName: "name"))
    var sideZInterface: String

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The side-Z contributor owner's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits AcceptLink.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(to: Link.self, selectedBy: account, format: output.format) { link in
            [.acceptLink(AcceptLinkArgs(pubkey: link.pubkey, sideZIfaceName: sideZInterface))]
        }
    }
}
