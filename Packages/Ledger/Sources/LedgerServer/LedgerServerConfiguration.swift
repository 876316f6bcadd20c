/// How a ``LedgerHTTPServer`` listens and streams.
public struct LedgerServerConfiguration: Sendable, Hashable {
    /// The host name or address to bind (e.g. `127.0.0.1`, `0.0.0.0`, `::1`).
    public var host: String
    /// The TCP port; 0 binds an ephemeral port (read it with ``LedgerHTTPServer/listeningAddress()``).
    public var port: Int
    /// Time between heartbeat lines in `/v1/log` streams (default 15 s).
    public var heartbeatInterval: Duration
    /// The authentication rate limit.
    public var authentication: AuthenticationLimits

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8899, heartbeatInterval: Duration = .seconds(15),
        authentication: AuthenticationLimits = AuthenticationLimits()
    ) {
        self.host = host
        self.port = port
        self.heartbeatInterval = heartbeatInterval
        self.authentication = authentication
    }
}
