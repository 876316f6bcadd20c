/// What `doublezerod` is told on its command line: where the ledger is, where its local API
/// listens, and which host it reconciles for.
public struct DaemonConfiguration: Sendable, Hashable {
    /// The default local API socket.
    public static let defaultSocketPath = "/run/doublezerod/doublezerod.sock"

    /// The ledger, as `--ledger` takes it (a file path or an http(s) URL).
    public var ledger: String
    /// The Unix socket of the local HTTP API.
    public var socketPath: String
    /// This host's client IP (dotted quad); nil to discover it from the default route.
    public var clientIP: String?

    /// A configuration for the ledger at `ledger`.
    public init(ledger: String, socketPath: String = DaemonConfiguration.defaultSocketPath, clientIP: String? = nil) {
        self.ledger = ledger
        self.socketPath = socketPath
        self.clientIP = clientIP
    }
}
