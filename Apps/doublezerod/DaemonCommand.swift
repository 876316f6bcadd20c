import ArgumentParser
import CommandLineSupport

/// `doublezerod`: the daemon on each user host that keeps its DoubleZero tunnels up.
@main
struct DaemonCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezerod",
        abstract: "Run DoubleZero on a user host: tunnels, BGP sessions, routes and multicast joins.",
        discussion: """
            doublezerod runs on every server that uses DoubleZero. It follows the ledger for the user \
            accounts held for this host's public IP and reconciles the host to them: a GRE tunnel to the \
            chosen device (doublezero0 for unicast, doublezero1 for multicast, both at once if the \
            host has both), a BGP session over each tunnel, the routes learnt from it, and multicast \
            group joins (PIM). It also probes the latency to every device so the CLI can pick the \
            closest one.

            The doublezero CLI drives it through a local HTTP API on a Unix socket (--sock-file): \
            connect, disconnect, status, latency. It needs CAP_NET_ADMIN and CAP_NET_RAW.

            \(ExitCode.summary)
            """,
        subcommands: [RunDaemon.self]
    )
}
