import BenchmarkSupport
import Foundation

/// `make bench-daemon` (root): how fast `doublezerod`'s reconciler acts on an activation.
///
/// `daemon.reconcile_ms`: the median over `--rounds` (20) of the time from the `ActivateUser`
/// entry reaching the ledger's followers to the first BGP OPEN read on the device — by then
/// `doublezero0` is up with its address (``ReconcileLatency``). Figures are printed last, one per
/// line.
@main
struct DaemonBenchmark {
    /// Command-line options.
    struct Options {
        var rounds = 20

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>(["--rounds": \.rounds]).parse(arguments, into: &self)
        }
    }

    static func main() async {
        let arguments = CommandLine.arguments
        if arguments.count == 5, arguments[1] == "reconcile-child", let rounds = Int(arguments[3]) {
            await exitOnFailure("daemon-bench reconcile-child") {
                try await ReconcileLatency.runChild(
                    deviceNamespace: arguments[2], rounds: rounds, directory: arguments[4])
            }
            return
        }
        await exitOnFailure("daemon-bench") { try await run(Options(arguments: arguments)) }
    }

    static func run(_ options: Options) async throws {
        try ShellCommand.requireRoot("daemon-bench", tools: ["ip": "iproute2"])
        let reconcile = try ReconcileLatency.measure(rounds: options.rounds)
        let milliseconds = reconcile.map(\.inMilliseconds)
        print(
            "reconcile rounds (ms): "
                + milliseconds.map { String(format: "%.1f", $0) }.joined(separator: " "))
        print(String(format: "daemon.reconcile_ms: %.1f ms", median(milliseconds)))
    }
}
