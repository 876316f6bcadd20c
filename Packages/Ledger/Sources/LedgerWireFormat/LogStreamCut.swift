/// The last line of a log stream the server ended because the follower fell behind:
/// `{"cut": {"message": "...", "resume_from": N}}`.
///
/// The server cuts a follower off when more entries (or bytes) wait for it than the ledger
/// allows (see ``Ledger/FollowerBacklogLimit``), rather than buffer without bound; the response
/// then ends. Everything before `resume_from` was sent: follow again from it to continue without
/// a gap (``LedgerClient`` does).
public struct LogStreamCut: Hashable, Sendable, Codable {
    /// Why the stream ended and where to resume.
    public struct Detail: Hashable, Sendable, Codable {
        /// The first sequence not sent: follow again from it.
        public var resumeFrom: UInt64
        /// What happened, for people.
        public var message: String

        /// Creates a detail.
        public init(resumeFrom: UInt64, message: String) {
            self.resumeFrom = resumeFrom
            self.message = message
        }

        private enum CodingKeys: String, CodingKey {
            case resumeFrom = "resume_from"
            case message
        }
    }

    /// The cut.
    public var cut: Detail

    /// Creates the line's value.
    public init(resumeFrom: UInt64, message: String) {
        cut = Detail(resumeFrom: resumeFrom, message: message)
    }

    /// The line's prefix, which no log entry or heartbeat line has.
    public static let linePrefix = Array(#"{"cut":"#.utf8)

    /// Whether `line` (one NDJSON line, without its newline) is a cut.
    public static func isCut(_ line: some Collection<UInt8>) -> Bool {
        line.starts(with: linePrefix)
    }
}
