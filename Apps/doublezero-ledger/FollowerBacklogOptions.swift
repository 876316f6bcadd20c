import ArgumentParser
import Ledger

/// `--follower-backlog-entries` and `--follower-backlog-bytes`: how far a log follower may fall
/// behind (entries waiting for it, counted and in bytes) before its stream is cut off.
struct FollowerBacklogOptions: ParsableArguments {
    /// The most entries that may wait for one follower.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Entries a log follower may fall behind before its stream is cut off (at least 1).",
            valueName: "count"))
    var followerBacklogEntries = FollowerBacklogLimit.default.entries

    /// The most bytes of entries that may wait for one follower.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Bytes of log entries a follower may fall behind before its stream is cut off (at least 1).",
            valueName: "bytes"))
    var followerBacklogBytes = FollowerBacklogLimit.default.bytes

    /// Rejects bounds below 1.
    func validate() throws {
        guard followerBacklogEntries >= 1 else {
            throw ValidationError("--follower-backlog-entries must be at least 1 (got \(followerBacklogEntries)).")
        }
        guard followerBacklogBytes >= 1 else {
            throw ValidationError("--follower-backlog-bytes must be at least 1 (got \(followerBacklogBytes)).")
        }
    }

    /// The bounds as the ledger takes them.
    var limit: FollowerBacklogLimit {
        FollowerBacklogLimit(entries: followerBacklogEntries, bytes: followerBacklogBytes)
    }
}
