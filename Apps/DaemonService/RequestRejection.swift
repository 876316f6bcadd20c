/// Why the API refused a request before anything was done: its body is not the JSON expected
/// (malformed), or it is but its values cannot be used (invalid).
public enum RequestRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is not JSON of the expected shape; the reason says where.
    case malformed(String)
    /// The body parsed, but a value is unusable; the reason names the field.
    case invalid(String)

    /// What was wrong, for the `description` of the 400 answer.
    public var reason: String {
        switch self {
        case .malformed(let reason), .invalid(let reason): reason
        }
    }

    /// `malformed: <reason>` or `invalid: <reason>`.
    public var description: String {
        switch self {
        case .malformed(let reason): "malformed: \(reason)"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}
