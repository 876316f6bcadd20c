/// Why the device agent could not do something, saying what and where.
public enum DeviceAgentError: Error, CustomStringConvertible, Sendable {
    /// A program could not be started or did not finish in time.
    case cannotRun(command: String, reason: String)
    /// A program exited with a failure.
    case commandFailed(command: String, status: String, output: String)
    /// The controller could not be reached or answered with an error.
    case controller(url: String, reason: String)
    /// The controller's model could not be decoded.
    case badModel(reason: String)
    /// A file could not be written.
    case cannotWrite(path: String, reason: String)
    /// FRR did not become ready.
    case frrNotReady(reason: String)
    /// A user tunnel's device end could not be built.
    case tunnelFailed(interface: String, reason: String)

    /// The error as one line.
    public var description: String {
        switch self {
        case .cannotRun(let command, let reason): "cannot run '\(command)': \(reason)"
        case .commandFailed(let command, let status, let output):
            "'\(command)' failed (\(status))" + (output.isEmpty ? "" : ": \(output)")
        case .controller(let url, let reason): "controller \(url): \(reason)"
        case .badModel(let reason): "the controller's device model cannot be read: \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .frrNotReady(let reason): "FRR did not become ready: \(reason)"
        case .tunnelFailed(let interface, let reason): "user tunnel \(interface): \(reason)"
        }
    }
}
