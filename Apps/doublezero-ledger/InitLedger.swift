import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger

/// `doublezero-ledger init`: creates an empty ledger file.
struct InitLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty ledger file.",
        discussion: """
            Creates the SQLite file with the ledger's schema and an empty log. Refuses to touch an \
            existing file: it fails (exit 1) and leaves it as it is, so a ledger is never reset by \
            accident; remove the file yourself to start over. The network's global state and config \
            are then written by signed transactions (`doublezero init`, `doublezero global-config set`).
            """
    )

    /// Where to create the ledger file.
    @OptionGroup var database: DatabaseOption

    /// Creates the file (and missing parent directories), or fails if anything is already there.
    func run() async throws {
        let path = database.db
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                "\(path) already exists; init never touches an existing file (remove it to start over)")
        }
        let ledger: LedgerService
        do {
            ledger = try LedgerService(path: path)
        } catch {
            throw CommandFailure("cannot create the ledger: \(error)")
        }
        let head = try await ledger.head()
        await ledger.close()
        print("created an empty ledger at \(path) (head \(head.sequence), state hash \(head.stateHash))")
    }
}
