/// The limits the checks compare against; each is a `doublezero-monitor run` option.
public struct MonitorThresholds: Sendable, Hashable {
    /// How long a user may stay pending or deleting before it is reported stuck.
    public var stuckUser: Duration
    /// The fraction of a pool in use above which it is reported (0...1).
    public var poolUtilisation: Double
    /// How long a device may go without fetching its config before it is reported.
    public var configFetch: Duration
    /// How many user tunnel endpoints (the public IP included) a device needs (RFC 13: two).
    public var tunnelEndpoints: Int

    /// The defaults: 5 minutes, 80 %, 5 minutes, two endpoints.
    public init(
        stuckUser: Duration = .seconds(300), poolUtilisation: Double = 0.8, configFetch: Duration = .seconds(300),
        tunnelEndpoints: Int = 2
    ) {
        self.stuckUser = stuckUser
        self.poolUtilisation = poolUtilisation
        self.configFetch = configFetch
        self.tunnelEndpoints = tunnelEndpoints
    }
}
