import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero user request-ban`: bans a user (foundation only).
struct RequestBanUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-ban",
        abstract: "Ban a user (foundation only).",
        discussion: "Releases its addresses and blocks re-creating a user at its key until it is deleted.")

    /// The user.
    @OptionGroup var account: PubkeySelector

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits RequestBanUser.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(to: User.self, selectedBy: account, format: output.format) { user in
            [.requestBanUser(PubkeyArgs(pubkey: user.pubkey))]
        }
    }
}
