import BenchmarkSupport

/// `multicast-bench`'s options: `--runs N` (join rounds; 5), `--rate N` (packets/s of the loss
/// run; 10,000), `--seconds N` (its length; 10).
struct MulticastBenchmarkOptions {
    var runs = 5
    var rate = 10_000
    var seconds = 10

    init(arguments: [String]) throws {
        try WholeNumberFlags<Self>(["--runs": \.runs, "--rate": \.rate, "--seconds": \.seconds])
            .parse(arguments, into: &self)
        guard runs >= 1, rate >= 1, seconds >= 1 else {
            throw BenchmarkError("--runs, --rate and --seconds must be at least 1")
        }
    }
}
