/// Why a ``LedgerHTTPServer`` has no listening address.
public enum LedgerServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server could not start (for example the port is taken), with what happened.
    case startFailed(String)
    /// The server stopped (or was never started before it stopped).
    case stopped

    /// A message for people.
    public var description: String {
        switch self {
        case .startFailed(let message): "the ledger server could not start: \(message)"
        case .stopped: "the ledger server is not running"
        }
    }
}
