/// How urgent an alert is.
public enum AlertSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Something to plan for or look at soon (capacity running out, a stuck activation).
    case warning
    /// The network or the ledger breaks a rule now (a duplicate community, a counter that lies).
    case critical

    /// Warnings before critical alerts.
    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        lhs == .warning && rhs == .critical
    }
}
