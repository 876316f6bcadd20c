import ArgumentParser
import CommandLineSupport

/// `doublezero-monitor`: watches the network's shared state and health.
@main
struct MonitorCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezero-monitor",
        abstract: "Check the ledger's invariants and export DoubleZero health as Prometheus metrics.",
        discussion: """
            The monitor follows the ledger (and probes devices) and checks what must always hold: \
            allocations inside their pools and free of collisions, device user counters matching the \
            users they hold, exchange BGP communities in 10000–10999 and unique, links between existing \
            devices, and so on. It exports what it sees as Prometheus metrics and shows it on a small \
            web dashboard, alerting through the metrics when an invariant breaks.

            \(ExitCode.summary)
            """,
        subcommands: [RunMonitor.self]
    )
}
