import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger

/// `doublezero-ledger verify`: proves a ledger file is intact.
struct VerifyLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a ledger file: signatures, the hash chain, and state rebuilt from the log.",
        discussion: """
            Replays every transaction from empty, checks each signature and each entry's hash against \
            the previous one, and compares the rebuilt state with the stored state tables. Prints the \
            entries checked, the head, the rebuilt state hash and every problem found (each naming its \
            entry). Exits 0 when the file is intact, 1 when anything differs or the file cannot be read. \
            The file is opened read-only, never written, and may be checked while a server runs.
            """
    )

    /// The ledger file to check.
    @OptionGroup var database: DatabaseOption

    /// Table or JSON report.
    @OptionGroup var output: OutputOptions

    /// Runs the verifier and prints its report; exit 1 unless intact.
    func run() async throws {
        guard FileManager.default.fileExists(atPath: database.db) else {
            throw CommandFailure("there is no ledger file at \(database.db)")
        }
        let report: VerificationReport
        do {
            report = try LedgerVerifier.verify(path: database.db)
        } catch {
            throw CommandFailure("cannot read the ledger: \(error)")
        }
        switch output.format {
        case .table:
            print(VerificationSummary(report).text, terminator: "")
        case .json, .jsonCompact:
            print(try output.format.jsonText(VerificationSummary(report)), terminator: "")
        }
        if !report.isValid { throw ExitCode.failure }
    }
}
