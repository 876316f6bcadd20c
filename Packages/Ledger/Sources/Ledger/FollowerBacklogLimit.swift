/// How far a live follower of a ``LedgerService`` may fall behind: the entries waiting for it,
/// counted and in bytes (``LogEntry/byteCount``). A follower that would go past either bound is
/// cut off with ``LedgerFollowError/fellBehind(resumeFrom:limit:)``.
public struct FollowerBacklogLimit: Hashable, Sendable, CustomStringConvertible {
    /// The default: 1,024 entries or 8 MiB, whichever comes first.
    public static let `default` = FollowerBacklogLimit(entries: 1024, bytes: 8 * 1024 * 1024)

    /// The most entries that may wait.
    public var entries: Int
    /// The most bytes that may wait; a single entry larger than this is still delivered when
    /// nothing else waits.
    public var bytes: Int

    /// Creates a limit; both bounds must be positive.
    public init(entries: Int, bytes: Int) {
        precondition(entries > 0 && bytes > 0, "a follower needs room for at least one entry")
        self.entries = entries
        self.bytes = bytes
    }

    /// `1024 entries or 8388608 bytes`.
    public var description: String { "\(entries) entries or \(bytes) bytes" }

    /// Whether one more entry of `size` bytes fits beside `count` entries of `waitingBytes`.
    func admits(_ size: Int, besides count: Int, of waitingBytes: Int) -> Bool {
        count == 0 || (count < entries && waitingBytes + size <= bytes)
    }

    /// The smaller of each bound.
    func capped(at other: FollowerBacklogLimit) -> FollowerBacklogLimit {
        FollowerBacklogLimit(entries: min(entries, other.entries), bytes: min(bytes, other.bytes))
    }
}
