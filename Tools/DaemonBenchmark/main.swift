import BenchmarkSupport
import Foundation

// daemon-bench (`make bench-daemon`, root, bird2 and iproute2): the daemon's measurements, each
// in namespaces of its own, their figures printed last, one `daemon.NAME: VALUE UNIT` line each.
//
// - RouteInstallBenchmark: `--routes` (100,000) /32s from an exporting BIRD through our
//   BGPSpeaker and BGPRouteInstaller into the kernel, from Established to the last route
//   installed (median of `--runs`), against `ip -batch` adding the same routes to a fresh
//   namespace; and the resident memory with them installed.
//
// A later measurement (such as `daemon.reconcile_ms`, ledger Activate to tunnel up and BGP OPEN
// sent) is one more type returning its `DaemonFigure`s, appended to `figures` below.

await exitOnFailure("daemon-bench") {
    let options = try DaemonBenchmarkOptions(arguments: CommandLine.arguments)
    try ShellCommand.requireRoot("daemon-bench", tools: ["ip": "iproute2", "bird": "bird2", "birdc": "bird2"])
    var figures: [DaemonFigure] = []
    figures += try await RouteInstallBenchmark(options: options).run()
    print("target: daemon.install_ratio <= 0.5 (BGP to kernel at least twice as fast as ip -batch alone)")
    for figure in figures { print(figure.line) }
}
