import BenchmarkSupport

/// `connect-bench`'s options: `--runs N` (rounds; each figure is the median; 5).
struct ConnectBenchmarkOptions {
    var runs = 5

    init(arguments: [String]) throws {
        try WholeNumberFlags<Self>(["--runs": \.runs]).parse(arguments, into: &self)
        guard runs >= 1 else { throw BenchmarkError("--runs must be at least 1") }
    }
}
