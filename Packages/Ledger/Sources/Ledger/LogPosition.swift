/// A point in the log: the sequence of an entry and its hash.
///
/// The empty log sits at ``genesis``: sequence 0 with ``LogEntry/genesisHash``.
public struct LogPosition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The entry's sequence (0 for the empty log).
    public var sequence: UInt64
    /// The entry's hash, hex (``LogEntry/genesisHash`` for the empty log).
    public var hash: String

    /// The position of the empty log.
    public static let genesis = LogPosition(sequence: 0, hash: LogEntry.genesisHash)

    /// Creates a position.
    public init(sequence: UInt64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The position of `entry`.
    public init(of entry: LogEntry) {
        self.init(sequence: entry.sequence, hash: entry.hash)
    }

    /// `#12 (ab34…)`.
    public var description: String { "#\(sequence) (\(hash.prefix(12))…)" }
}
