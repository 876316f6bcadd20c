/// A keep-alive line in the log stream: `{"heartbeat": <head sequence>}`.
///
/// The server writes one every heartbeat interval (15 s by default), so a follower that hears
/// nothing for several intervals knows the connection is dead.
/// Followers skip these lines; they are not log entries.
public struct LogStreamHeartbeat: Hashable, Sendable, Codable {
    /// The ledger's head sequence when the heartbeat was written.
    public var heartbeat: UInt64

    /// Creates a heartbeat for `headSequence`.
    public init(headSequence: UInt64) {
        heartbeat = headSequence
    }

    /// The line's prefix, which no log entry line has (entries start with another key).
    public static let linePrefix = Array(#"{"heartbeat":"#.utf8)

    /// Whether `line` (one NDJSON line, without its newline) is a heartbeat.
    public static func isHeartbeat(_ line: some Collection<UInt8>) -> Bool {
        line.starts(with: linePrefix)
    }
}
