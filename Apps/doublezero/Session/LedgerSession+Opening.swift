import CommandLineSupport
import Ledger
import LedgerClient

extension LedgerSession {
    /// Opens the ledger at `location`: an existing embedded ledger file in this process, or a ledger
    /// server over HTTP.
    ///
    /// - Throws: ``CommandFailure`` naming the location when it cannot be opened (for a missing file it
    ///   says to create one with `doublezero-ledger init`).
    static func open(_ location: LedgerLocation) throws -> any LedgerAPI {
        do {
            return try LedgerConnection.open(location.description)
        } catch {
            throw error.commandFailure
        }
    }

    /// A session on `ledger` that signs with the key file at `keypairPath` (read-only verbs pass `""`).
    init(ledger: any LedgerAPI, keypairPath: String) {
        self.ledger = ledger
        self.keypairPath = keypairPath
    }
}
