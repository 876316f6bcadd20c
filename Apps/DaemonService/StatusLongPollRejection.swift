/// Why a `/v2/status` long-poll query was refused (400).
public enum StatusLongPollRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// `after` is not an unsigned 64-bit integer.
    case badAfter(String)
    /// `wait` is not a non-negative number of seconds.
    case badWait(String)
    /// `wait` was given without `after`.
    case waitWithoutAfter

    /// The reason, naming the parameter.
    public var description: String {
        switch self {
        case .badAfter(let text): "after must be a generation (an unsigned integer), not '\(text)'"
        case .badWait(let text): "wait must be a number of seconds from 0 to 60, not '\(text)'"
        case .waitWithoutAfter: "wait needs after (the generation of the status you have)"
        }
    }
}
