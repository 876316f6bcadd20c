import BenchmarkSupport
import Foundation

// daemon-bench (`make bench-daemon`, root, bird2 and iproute2): the daemon's measurements, each
// in namespaces of its own, their figures printed last, one `daemon.NAME: VALUE UNIT` line each.
//
// - ReconcileLatency: `daemon.reconcile_ms`, from an ActivateUser submitted to the ledger to the
//   BGP OPEN read on the device, the reconciler in a host namespace (median of `--rounds`); it
//   re-runs this executable inside that namespace as `daemon-bench reconcile-child`; the same
//   child then measures `daemon.rss_mb`, the doublezerod binary's memory with two services up
//   and `--routes` routes from BIRD installed (DaemonMemory).
// - RouteInstallBenchmark: `--routes` (100,000) /32s from an exporting BIRD through our
//   BGPSpeaker and BGPRouteInstaller into the kernel, from Established to the last route
//   installed (median of `--runs`), against `ip -batch` adding the same routes to a fresh
//   namespace; and the resident memory with them installed.
//
let arguments = CommandLine.arguments
if arguments.count == 6, arguments[1] == ReconcileLatency.childCommand, let rounds = Int(arguments[3]),
    let routes = Int(arguments[4])
{
    await exitOnFailure("daemon-bench \(ReconcileLatency.childCommand)") {
        try await ReconcileLatency.runChild(
            deviceNamespace: arguments[2], rounds: rounds, routes: routes, directory: arguments[5])
    }
    exit(0)
}

await exitOnFailure("daemon-bench") {
    let options = try DaemonBenchmarkOptions(arguments: CommandLine.arguments)
    try ShellCommand.requireRoot("daemon-bench", tools: ["ip": "iproute2", "bird": "bird2", "birdc": "bird2"])
    var figures: [DaemonFigure] = []
    figures += try ReconcileLatency.figures(rounds: options.rounds, routes: options.routes)
    figures += try await RouteInstallBenchmark(options: options).run()
    print("target: daemon.reconcile_ms < 50 ms (upstream polls the ledger every 10 s)")
    print("target: daemon.install_ratio <= 0.5 (BGP to kernel at least twice as fast as ip -batch alone)")
    for figure in figures { print(figure.line) }
}
