/// Why `state.json` could not be read or written; every case names the file.
public enum DaemonStateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file was read but is not a state file.
    case corrupt(path: String, reason: String)
    /// Writing the file (or its directory) failed at `step`; the previous file is untouched.
    case unwritable(path: String, step: String, reason: String)

    /// The file concerned.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .corrupt(let path, _), .unwritable(let path, _, _): path
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read the state file \(path): \(reason)"
        case .corrupt(let path, let reason):
            "the state file \(path) is corrupt (\(reason)); fix it to {\"reconciler_enabled\": false} or true, "
                + "or delete it to start with the reconciler disabled"
        case .unwritable(let path, let step, let reason):
            "cannot write the state file \(path) (\(step)): \(reason)"
        }
    }
}
