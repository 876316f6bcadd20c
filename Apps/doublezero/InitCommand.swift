import ArgumentParser
import CommandLineSupport

/// `doublezero init`: bootstraps a new ledger's global state.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Bootstrap a new ledger: make your key its first foundation member and activator.",
        discussion: """
            Submits InitGlobalState, signed by --keypair, which becomes the only foundation member and the \
            activator, sentinel and QA key until changed. Run once on an empty ledger, then set the \
            global config (`doublezero global-config set`). Prints the transaction signature.
            """
    )

    /// The ledger to bootstrap.
    @OptionGroup var ledger: LedgerOption

    /// The founding key.
    @OptionGroup var keypair: KeypairOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero init", issue: .ledger)
    }
}
