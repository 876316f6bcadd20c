import ArgumentParser
import CommandLineSupport

/// `doublezero-monitor run`: the monitor service.
struct RunMonitor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the ledger, check invariants, and serve /metrics and the dashboard until stopped.",
        discussion: """
            Every check runs once at start and then every --interval. Metrics are served at /metrics and \
            the dashboard at / on the --listen address. Stops cleanly on SIGINT or SIGTERM.
            """
    )

    /// The ledger to follow.
    @OptionGroup var ledger: LedgerOption

    /// The address of the metrics and dashboard HTTP server.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address for /metrics and the dashboard, as HOST:PORT (port 1–65535). (default: 127.0.0.1:8081)",
            valueName: "host:port"),
        transform: { try ListenAddress(validating: $0) })
    var listen = ListenAddress(host: "127.0.0.1", port: 8081)

    /// How often the checks run.
    @Option(
        name: .long,
        help: ArgumentHelp("How often to run the checks, e.g. 30s or 1m. (default: 1m)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var interval = TimeSpan.minutes(1)

    /// Rejects a zero interval.
    func validate() throws {
        guard interval.duration > .zero else {
            throw ValidationError("--interval must be longer than zero (got \(interval)).")
        }
    }

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-monitor run", issue: .notYetScheduled)
    }
}
