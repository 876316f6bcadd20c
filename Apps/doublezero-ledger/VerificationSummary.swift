import Ledger

/// What `verify` prints: the report of ``Ledger/LedgerVerifier`` as text or JSON.
///
/// JSON fields: `path`, `intact`, `entries_checked`, `head` (`sequence`, `hash`), `state_hash`,
/// `problems` (each `message` and, when it is about one entry, `sequence`) and
/// `problems_truncated`.
struct VerificationSummary: Encodable {
    /// One problem found.
    struct Problem: Encodable {
        /// The log entry it is about, when it is about one.
        let sequence: UInt64?
        /// What is wrong.
        let message: String
    }

    let path: String
    let intact: Bool
    let entriesChecked: Int
    let head: LogPosition
    let stateHash: String
    let problems: [Problem]
    let problemsTruncated: Bool

    /// Summarises `report`.
    init(_ report: VerificationReport) {
        path = report.path
        intact = report.isValid
        entriesChecked = report.entriesChecked
        head = report.finalPosition
        stateHash = report.stateHash
        problems = report.problems.map { Problem(sequence: $0.sequence, message: $0.description) }
        problemsTruncated = report.problemsTruncated
    }

    private enum CodingKeys: String, CodingKey {
        case path, intact
        case entriesChecked = "entries_checked"
        case head
        case stateHash = "state_hash"
        case problems
        case problemsTruncated = "problems_truncated"
    }

    /// The text report: a `key: value` block, then one line per problem.
    var text: String {
        var lines = [
            "ledger:          \(path)",
            "entries checked: \(entriesChecked)",
            "head:            \(head.sequence) \(head.hash)",
            "state hash:      \(stateHash)",
            "result:          "
                + (intact ? "intact" : "\(problems.count)\(problemsTruncated ? "+" : "") problem(s)"),
        ]
        lines += problems.map { problem in
            "  - " + (problem.sequence.map { "entry \($0): " } ?? "") + problem.message
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
