/// What can go wrong in the monitor, saying where.
public enum MonitorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The controller's metrics could not be read.
    case controller(url: String, reason: String)

    /// One line.
    public var description: String {
        switch self {
        case .controller(let url, let reason): "cannot read the controller's metrics at \(url): \(reason)"
        }
    }
}
