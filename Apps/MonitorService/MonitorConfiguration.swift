/// What `doublezero-monitor run` is told on its command line.
public struct MonitorConfiguration: Sendable, Hashable {
    /// The ledger, as `--ledger` takes it (a file path or an http(s) URL).
    public var ledger: String
    /// The host of the metrics and dashboard server.
    public var host: String
    /// Its port.
    public var port: Int
    /// How often the time-based checks run and the controller is read (ledger changes are
    /// evaluated as they arrive).
    public var interval: Duration
    /// The controller's metrics URL, to check that devices fetch their configs; nil: not checked.
    public var controllerMetrics: String?
    /// The limits of the checks.
    public var thresholds: MonitorThresholds
    /// How many cleared alerts the history keeps.
    public var historyLimit: Int

    /// A configuration for the ledger at `ledger`.
    public init(
        ledger: String, host: String = "127.0.0.1", port: Int = 8081, interval: Duration = .seconds(10),
        controllerMetrics: String? = nil, thresholds: MonitorThresholds = MonitorThresholds(), historyLimit: Int = 1000
    ) {
        self.ledger = ledger
        self.host = host
        self.port = port
        self.interval = interval
        self.controllerMetrics = controllerMetrics
        self.thresholds = thresholds
        self.historyLimit = historyLimit
    }
}
