import Foundation

/// An alert as the dashboard and its JSON show it.
public struct AlertRow: Sendable, Hashable, Codable {
    /// The alert identity (kind/subject[/detail]).
    public var key: String
    /// The rule (``AlertKind`` raw value).
    public var kind: String
    /// The rule's short title.
    public var title: String
    /// `warning` or `critical`.
    public var severity: String
    /// Whether it is critical (for styling).
    public var critical: Bool
    /// The subject's kind (`device`, …), identity and name.
    public var subjectKind: String
    /// The subject's identity.
    public var subjectId: String
    /// The subject's name.
    public var subjectLabel: String
    /// What is wrong and how to fix it.
    public var message: String
    /// When it was first seen (ISO 8601).
    public var firstSeen: String
    /// When it was last seen (ISO 8601).
    public var lastSeen: String
    /// When it cleared (ISO 8601); nil while open.
    public var cleared: String?
    /// How long it has been (or was) open, e.g. `5m12s`.
    public var age: String

    /// The row of `alert`, its age measured at `now` while open.
    public init(_ alert: Alert, now: Date) {
        key = alert.finding.key
        kind = alert.finding.kind.rawValue
        title = alert.finding.kind.title
        severity = alert.finding.severity.rawValue
        critical = alert.finding.severity == .critical
        subjectKind = alert.finding.subject.kind
        subjectId = alert.finding.subject.id
        subjectLabel = alert.finding.subject.label
        message = alert.finding.message
        firstSeen = DashboardFormat.time(alert.firstSeen)
        lastSeen = DashboardFormat.time(alert.lastSeen)
        cleared = alert.cleared.map(DashboardFormat.time)
        age = NetworkChecks.span(max(0, (alert.cleared ?? now).timeIntervalSince(alert.firstSeen)))
    }
}
