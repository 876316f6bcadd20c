/// Where in the project plan a feature that is not built yet will be built.
///
/// The numbers are the project's issue numbers. A command that cannot do its work yet names the
/// issue that will build it, so a person who runs it knows what to wait for.
public struct PlannedIssue: Sendable, Hashable, CustomStringConvertible {
    /// The issue numbers that together build the feature; `nil` when no issue is scheduled yet.
    public let numbers: ClosedRange<Int>?

    /// A short title naming the work, e.g. `Ledger`.
    public let title: String

    /// Creates a plan entry for the issues `numbers` titled `title`; `nil` numbers mean unscheduled.
    public init(numbers: ClosedRange<Int>?, title: String) {
        self.numbers = numbers
        self.title = title
    }

    /// The user-host daemon, `doublezerod`, and the CLI verbs that talk to it (connect,
    /// disconnect, status, latency). Its building blocks are built (Tunnel, Probe and the BGP
    /// speaker: issues 6–8); the daemon itself is not scheduled yet.
    public static let userHostDaemon = PlannedIssue(numbers: nil, title: "the doublezerod daemon")

    /// No issue has been scheduled for the feature yet.
    public static let notYetScheduled = PlannedIssue(numbers: nil, title: "")

    /// The plan as a phrase: `planned in issue 3: Ledger`, `planned in issues 6–8: Tunnel, Probe and BGP`,
    /// `not yet scheduled: the doublezerod daemon` or `not yet scheduled`.
    public var description: String {
        guard let numbers else { return title.isEmpty ? "not yet scheduled" : "not yet scheduled: \(title)" }
        if numbers.count == 1 {
            return "planned in issue \(numbers.lowerBound): \(title)"
        }
        return "planned in issues \(numbers.lowerBound)–\(numbers.upperBound): \(title)"
    }
}
