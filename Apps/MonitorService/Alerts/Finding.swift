/// One rule broken, as one evaluation of the checks sees it. The ``AlertBook`` turns findings into
/// alerts that open, stay open while the finding recurs, and clear when it stops.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule broken.
    public var kind: AlertKind
    /// What breaks it.
    public var subject: AlertSubject
    /// A sentence saying what is wrong and how to fix it.
    public var message: String
    /// Tells several findings of one kind and subject apart (a pool's value, a user type); usually empty.
    public var detail: String

    /// A finding.
    public init(_ kind: AlertKind, _ subject: AlertSubject, _ message: String, detail: String = "") {
        self.kind = kind
        self.subject = subject
        self.message = message
        self.detail = detail
    }

    /// How urgent it is.
    public var severity: AlertSeverity { kind.severity }

    /// The alert identity: the same key in two evaluations is the same alert.
    public var key: String {
        detail.isEmpty
            ? "\(kind.rawValue)/\(subject.kind)/\(subject.id)"
            : "\(kind.rawValue)/\(subject.kind)/\(subject.id)/\(detail)"
    }
}
