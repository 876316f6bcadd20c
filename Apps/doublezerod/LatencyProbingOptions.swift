import ArgumentParser

/// doublezerod's latency-probing flags (upstream names and defaults).
struct LatencyProbingOptions: ParsableArguments {
    /// Whether to probe device latency at all.
    @Flag(
        name: .customLong("latency-probing"), inversion: .prefixedNo,
        help: "Probe the latency to every device (serves /latency for `doublezero latency`).")
    var latencyProbing = true

    /// Seconds between probe rounds.
    @Option(name: .long, help: ArgumentHelp("Seconds between latency probe rounds.", valueName: "seconds"))
    var probeInterval = 300

    /// Seconds between refreshes of the device list the prober uses.
    @Option(name: .long, help: ArgumentHelp("Seconds between device-list refreshes.", valueName: "seconds"))
    var cacheUpdateInterval = 30

    /// Whether to export per-device latency gauges.
    @Flag(name: .long, help: "Export a latency gauge per device (needs --metrics-enable).")
    var enableLatencyMetrics = false

    /// Whether to probe user-tunnel-endpoint interfaces as well as devices' public IPs.
    @Flag(
        name: .customLong("latency-probe-tunnel-endpoints"), inversion: .prefixedNo,
        help: "Also probe each device's user-tunnel-endpoint interfaces.")
    var latencyProbeTunnelEndpoints = true

    /// Rejects non-positive intervals.
    func validate() throws {
        guard probeInterval >= 1 else {
            throw ValidationError("--probe-interval must be at least 1 second (got \(probeInterval)).")
        }
        guard cacheUpdateInterval >= 1 else {
            throw ValidationError("--cache-update-interval must be at least 1 second (got \(cacheUpdateInterval)).")
        }
    }
}
