/// The thing an alert is about: an entity of the ledger, a pool, or the controller.
public struct AlertSubject: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The kind of thing: `exchange`, `device`, `link`, `user`, `pool` or `controller`.
    public var kind: String
    /// Its stable identity (a public key, a pool name, a URL).
    public var id: String
    /// What people call it (a code, a pool name).
    public var label: String

    /// A subject.
    public init(kind: String, id: String, label: String) {
        self.kind = kind
        self.id = id
        self.label = label
    }

    /// `device ams-dz01`.
    public var description: String { "\(kind) \(label)" }

    /// By kind, then label, then id.
    public static func < (lhs: AlertSubject, rhs: AlertSubject) -> Bool {
        (lhs.kind, lhs.label, lhs.id) < (rhs.kind, rhs.label, rhs.id)
    }
}
