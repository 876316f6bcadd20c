import ArgumentParser
import CommandLineSupport

/// `doublezero-activator run`: the activator service loop.
struct RunActivator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Follow the ledger log and activate, reject or close entities until stopped.",
        discussion: """
            On start it rebuilds its pools from the ledger's current state, then streams the log from \
            that point. Stops cleanly on SIGINT or SIGTERM.
            """
    )

    /// The ledger to follow and write to.
    @OptionGroup var ledger: LedgerOption

    /// The activator authority's signing key.
    @OptionGroup var keypair: KeypairOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-activator run", issue: .allocatorAndActivator)
    }
}
