import CommandLineSupport
import Foundation
import Ledger

/// Opening the ledger file named by `--db`, with messages that say what to do.
enum LedgerFile {
    /// The existing ledger file at `path`, opened in this process; a live log follower may
    /// fall `followerBacklog` behind before it is cut off.
    ///
    /// - Throws: ``CommandLineSupport/CommandFailure`` when there is no file (naming `init`) or it
    ///   is not a ledger.
    static func openExisting(
        _ path: String, followerBacklog: FollowerBacklogLimit = .default
    ) throws(CommandFailure) -> LedgerService {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                "there is no ledger file at \(path); create one with `doublezero-ledger init --db \(path) --foundation KEY`"
            )
        }
        do {
            return try LedgerService(path: path, followerBacklog: followerBacklog)
        } catch {
            throw CommandFailure("cannot open the ledger: \(error)")
        }
    }
}
