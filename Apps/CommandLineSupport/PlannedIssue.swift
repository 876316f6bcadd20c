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

    /// Issue 3: the ledger (store, program, server), keys and the ledger administration verbs.
    public static let ledger = PlannedIssue(numbers: 3...3, title: "Ledger")

    /// Issue 4: IP and ID allocation and the activator service.
    public static let allocatorAndActivator = PlannedIssue(numbers: 4...4, title: "Allocator & activator")

    /// Issue 5: device config rendering and the controller service.
    public static let controller = PlannedIssue(numbers: 5...5, title: "Controller")

    /// Issue 6: GRE tunnels (kernel and userspace datapath).
    public static let tunnel = PlannedIssue(numbers: 6...6, title: "Tunnel")

    /// Issue 7: latency probing and device selection.
    public static let probe = PlannedIssue(numbers: 7...7, title: "Probe")

    /// Issue 8: the BGP speaker.
    public static let bgp = PlannedIssue(numbers: 8...8, title: "BGP")

    /// Issues 6–8 together: what the user-host daemon and its connect/disconnect/status verbs need.
    public static let tunnelProbeAndBGP = PlannedIssue(numbers: 6...8, title: "Tunnel, Probe and BGP")

    /// No issue has been scheduled for the feature yet.
    public static let notYetScheduled = PlannedIssue(numbers: nil, title: "")

    /// The plan as a phrase: `planned in issue 3: Ledger`, `planned in issues 6–8: Tunnel, Probe and BGP`
    /// or `not yet scheduled`.
    public var description: String {
        guard let numbers else { return "not yet scheduled" }
        if numbers.count == 1 {
            return "planned in issue \(numbers.lowerBound): \(title)"
        }
        return "planned in issues \(numbers.lowerBound)–\(numbers.upperBound): \(title)"
    }
}
