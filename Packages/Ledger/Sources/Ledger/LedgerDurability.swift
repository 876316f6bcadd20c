/// How hard the store works to keep a committed transaction across failures.
///
/// The store always runs SQLite in WAL mode. Both levels survive a crash or `SIGKILL` of the
/// process: a commit is in the operating system's page cache once `submit` returns. They differ
/// only when the whole machine loses power or the kernel crashes.
public enum LedgerDurability: String, Sendable, Hashable, CaseIterable {
    /// `PRAGMA synchronous = NORMAL`: the WAL is synced at checkpoints, not at every commit.
    /// Survives process crashes; a power loss may undo the last commits (never corrupting the
    /// file). The default: fast, and what the tests prove.
    case normal
    /// `PRAGMA synchronous = FULL`: the WAL is synced at every commit, so an accepted transaction
    /// also survives a power loss, at the cost of one `fsync` per submit.
    case full

    /// The value for `PRAGMA synchronous`.
    var synchronousPragmaValue: String {
        switch self {
        case .normal: "NORMAL"
        case .full: "FULL"
        }
    }
}
