/// A failure of a benchmark itself (bad options, a run that did not finish), as opposed to a
/// figure it measures; printed as its description.
public struct BenchmarkError: Error, CustomStringConvertible {
    /// What went wrong, for the person running the benchmark.
    public let description: String

    /// A failure described by `description`.
    public init(_ description: String) { self.description = description }
}
