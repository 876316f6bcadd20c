/// Why the API's Unix socket could not be set up; every case names the path.
public enum DaemonAPIServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The socket's directory could not be created.
    case directoryNotCreated(path: String, reason: String)
    /// Something that is not a socket is in the way.
    case notASocket(path: String)
    /// Another process (likely another doublezerod) is listening on the socket.
    case alreadyInUse(path: String)
    /// A stale socket could not be removed.
    case staleSocketNotRemoved(path: String, reason: String)
    /// The path is longer than a Unix socket address holds.
    case pathTooLong(path: String, limit: Int)

    /// A message for people.
    public var description: String {
        switch self {
        case .directoryNotCreated(let path, let reason):
            "cannot create the directory of the API socket \(path): \(reason)"
        case .notASocket(let path):
            "\(path) exists and is not a socket; remove it or choose another --sock-file"
        case .alreadyInUse(let path):
            "another process is already listening on \(path) (is doublezerod running?)"
        case .staleSocketNotRemoved(let path, let reason):
            "cannot remove the stale API socket \(path): \(reason)"
        case .pathTooLong(let path, let limit):
            "the API socket path \(path) is longer than \(limit) bytes, the most a Unix socket address holds"
        }
    }
}
