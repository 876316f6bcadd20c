/// The error every command throws while the feature behind it is not built yet.
///
/// It says what was asked for, where in the plan it will be built, and that nothing was done, e.g.
/// `doublezero-ledger serve is not built yet (planned in issue 3: Ledger). Nothing was done.`
/// An ``AppRootCommand`` reports it on standard error and exits with ``ArgumentParser/ExitCode/unavailable``
/// (69, `EX_UNAVAILABLE`), so scripts can tell "not there yet" from a real failure.
public struct NotBuiltYet: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command a person ran, e.g. `doublezero-ledger serve` or `doublezero device create`.
    public let feature: String

    /// The issue (or issues) that will build the feature.
    public let issue: PlannedIssue

    /// Creates the error for `feature`, to be built by `issue`.
    public init(feature: String, issue: PlannedIssue) {
        self.feature = feature
        self.issue = issue
    }

    /// The plain-language message shown to the person who ran the command.
    public var description: String {
        "\(feature) is not built yet (\(issue)). Nothing was done."
    }
}
