/// What `doublezero-monitor run` is told on its command line.
public struct MonitorConfiguration: Sendable, Hashable {
    /// The ledger, as `--ledger` takes it (a file path or an http(s) URL).
    public var ledger: String
    /// The host of the metrics and dashboard server.
    public var host: String
    /// Its port.
    public var port: Int
    /// How often the checks run.
    public var interval: Duration

    /// A configuration for the ledger at `ledger`.
    public init(ledger: String, host: String = "127.0.0.1", port: Int = 8081, interval: Duration = .seconds(60)) {
        self.ledger = ledger
        self.host = host
        self.port = port
        self.interval = interval
    }
}
