import ArgumentParser
import CommandLineSupport

/// `doublezero-ledger init`: creates an empty ledger file.
struct InitLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty ledger file.",
        discussion: """
            Creates the SQLite file with the ledger's schema and an empty log. Refuses to touch an \
            existing file. The network's global state and config are then written by signed \
            transactions (`doublezero init`, `doublezero global-config set`).
            """
    )

    /// Where to create the ledger file.
    @OptionGroup var database: DatabaseOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-ledger init", issue: .ledger)
    }
}
