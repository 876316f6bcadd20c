import BenchmarkSupport

/// `daemon-bench`'s options: `--rounds N` (reconcile rounds; 20), `--runs N` (each route figure
/// the median of N runs; 5) and `--routes N` (the table size; 100,000), `--no-wakeup` (see
/// ``ExporterWakeup``).
struct DaemonBenchmarkOptions {
    var rounds = 20
    var runs = 5
    var routes = 100_000
    var wakeup = true

    init(arguments: [String]) throws {
        try WholeNumberFlags<Self>(
            ["--rounds": \.rounds, "--runs": \.runs, "--routes": \.routes], switches: ["--no-wakeup": (\.wakeup, false)]
        ).parse(arguments, into: &self)
    }
}
