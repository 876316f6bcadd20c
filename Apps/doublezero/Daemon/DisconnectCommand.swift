import ArgumentParser
import CommandLineSupport

/// `doublezero disconnect`: removes this host's tunnels.
struct DisconnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disconnect",
        abstract: "Disconnect this host: delete its user accounts and let doublezerod remove the tunnels.",
        discussion: """
            Deletes every user account of this host's IP that your key owns (only the unicast or only \
            the multicast one if a mode is given), waits for the deletions, then waits for doublezerod \
            to remove the tunnels unless --no-wait is given.
            """
    )

    /// Which tunnel to remove; nil means all.
    @Argument(help: ArgumentHelp("Only this tunnel. (default: all of this host's tunnels)", valueName: "mode"))
    var mode: ConnectionModeChoice?

    /// Socket, ledger, key, verbosity.
    @OptionGroup var connection: ConnectionOptions

    /// Return once the accounts are deleted.
    @Flag(name: .long, help: "Return once the accounts are deleted, without waiting for the tunnels to go.")
    var noWait = false

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero disconnect", issue: .userHostDaemon)
    }
}
