import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero link decline`: side Z declines a requested DZX link, saying why.
struct DeclineLink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline",
        abstract: "Decline a requested DZX link on side Z (side-Z contributor owner or foundation).",
        discussion: """
            The link becomes Rejected with the reason; it never held anything on the side-Z device. \
            Side A deletes it afterwards.
            """)

    /// Which link.
    @OptionGroup var account: AccountSelector

    /// Why side Z declines.
    @Option(name: .long, help: ArgumentHelp("Why side Z declines the link.", valueName: "text"))
    var reason: String

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The side-Z contributor owner's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits DeclineLink.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(to: Link.self, selectedBy: account, format: output.format) { link in
            [.declineLink(RejectArgs(pubkey: link.pubkey, reason: reason))]
        }
    }
}
