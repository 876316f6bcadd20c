/// Why a call to doublezerod's local API failed.
enum DaemonClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The socket file does not exist: the daemon is not running.
    case notRunning(socketPath: String)
    /// The socket exists but this user may not open it.
    case permissionDenied(socketPath: String)
    /// The connection failed or broke (upstream: `Unable to connect to doublezero daemon: …`).
    case transport(String)
    /// The daemon answered with a status other than 200; `body` is what it said.
    case status(code: UInt, body: String)
    /// The answer was not the JSON expected.
    case malformedAnswer(path: String, reason: String)

    /// The message after `Error: `, in upstream's words where upstream has them.
    var description: String {
        switch self {
        case .notRunning: "Please start the doublezerod service."
        case .permissionDenied: "Please check the permissions of the doublezerod service."
        case .transport(let reason): "Unable to connect to doublezero daemon: \(reason)"
        case .status(let code, let body): "doublezerod answered \(code): \(body)"
        case .malformedAnswer(let path, let reason): "doublezerod's answer to \(path) is not understood: \(reason)"
        }
    }
}
