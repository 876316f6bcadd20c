import ArgumentParser
import CommandLineSupport

/// `doublezero-ledger verify`: proves a ledger file is intact.
struct VerifyLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a ledger file: signatures, the hash chain, and state rebuilt from the log.",
        discussion: """
            Replays every transaction from empty, checks each signature and each entry's hash against \
            the previous one, and compares the rebuilt state with the stored state tables. Exits non-zero \
            and names the first bad entry if anything differs.
            """
    )

    /// The ledger file to check.
    @OptionGroup var database: DatabaseOption

    /// Table or JSON report.
    @OptionGroup var output: OutputOptions

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-ledger verify", issue: .ledger)
    }
}
