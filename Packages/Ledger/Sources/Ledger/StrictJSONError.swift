/// Why ``StrictJSONReader`` refused a text.
enum StrictJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text breaks the RFC 8259 grammar at byte `offset`.
    case syntax(offset: Int, reason: String)
    /// Objects and arrays nest deeper than `limit` at `path`.
    case tooDeep(path: String, limit: Int)
    /// An object at `path` has the member `key` twice (readers disagree on which one counts).
    case duplicateKey(key: String, path: String)

    /// A message naming the place and the problem.
    var description: String {
        switch self {
        case .syntax(let offset, let reason): "not JSON at byte \(offset): \(reason)"
        case .tooDeep(let path, let limit): "objects and arrays nest deeper than \(limit) levels at \(path)"
        case .duplicateKey(let key, let path): "duplicate key '\(key)' in the object at \(path)"
        }
    }
}
