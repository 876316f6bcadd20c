/// What ``LedgerVerifier/verify(path:maxProblems:)`` found.
public struct VerificationReport: Hashable, Sendable, CustomStringConvertible {
    /// The file checked.
    public var path: String
    /// How many log rows were checked.
    public var entriesChecked: Int
    /// The last log row's sequence and hash (``LogPosition/genesis`` for an empty log).
    public var finalPosition: LogPosition
    /// ``LedgerState/stateHash`` of the state the replay rebuilt.
    public var stateHash: String
    /// What is wrong, in the order found; empty when the file is sound.
    public var problems: [VerificationProblem]
    /// True when more problems were found than were kept.
    public var problemsTruncated: Bool

    /// Creates a report.
    public init(
        path: String, entriesChecked: Int, finalPosition: LogPosition, stateHash: String,
        problems: [VerificationProblem], problemsTruncated: Bool
    ) {
        self.path = path
        self.entriesChecked = entriesChecked
        self.finalPosition = finalPosition
        self.stateHash = stateHash
        self.problems = problems
        self.problemsTruncated = problemsTruncated
    }

    /// The last log row's sequence (0 for an empty log).
    public var finalSequence: UInt64 { finalPosition.sequence }

    /// Whether the file passed every check.
    public var isValid: Bool { problems.isEmpty }

    /// A summary line, then one line per problem.
    public var description: String {
        var lines = [
            "\(path): \(entriesChecked) entries checked, head \(finalPosition), state \(stateHash): "
                + (isValid ? "OK" : "\(problems.count)\(problemsTruncated ? "+" : "") problem(s)")
        ]
        lines += problems.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}
