import Models

/// Timeouts, limits and reconnection for a ``RemoteLedger``.
public struct RemoteLedgerConfiguration: Sendable, Hashable {
    /// How long to wait for a TCP connection.
    public var connectTimeout: Duration
    /// How long a request may take until the response head arrives.
    public var requestTimeout: Duration
    /// How long a response (in particular a log stream) may stay silent before the connection is
    /// taken for dead. The server sends a heartbeat every 15 s by default, so the default 45 s
    /// means three missed heartbeats.
    public var readIdleTimeout: Duration
    /// The largest response body read into memory (entity lists, receipts).
    public var maxResponseBytes: Int
    /// The longest log stream line accepted.
    public var maxLogLineBytes: Int
    /// How `follow` waits before reconnecting.
    public var reconnectBackoff: ReconnectBackoff

    /// Creates a configuration; the defaults suit a server on the same network.
    public init(
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(30),
        readIdleTimeout: Duration = .seconds(45),
        maxResponseBytes: Int = 64 * 1024 * 1024,
        maxLogLineBytes: Int = 16 * 1024 * 1024,
        reconnectBackoff: ReconnectBackoff = ReconnectBackoff()
    ) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.readIdleTimeout = readIdleTimeout
        self.maxResponseBytes = maxResponseBytes
        self.maxLogLineBytes = maxLogLineBytes
        self.reconnectBackoff = reconnectBackoff
    }
}
