/// A benchmark's command line: `--flag N` pairs, each `N` a positive whole number written into one
/// property of the benchmark's options; flags may come in any order and each is optional.
public struct WholeNumberFlags<Options> {
    /// The flags, in the order the usage message lists them, with the property each one sets.
    public let flags: KeyValuePairs<String, WritableKeyPath<Options, Int>>

    /// Flags setting the given properties, e.g. `["--runs": \.runs]`.
    public init(_ flags: KeyValuePairs<String, WritableKeyPath<Options, Int>>) {
        self.flags = flags
    }

    /// Sets `options` from `arguments` (the program name first, as in `CommandLine.arguments`).
    ///
    /// Throws a ``BenchmarkError`` for a value that is not a positive whole number and for an
    /// unknown flag (naming every known one).
    public func parse(_ arguments: [String], into options: inout Options) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let text = iterator.next(), let value = Int(text), value > 0 else {
                throw BenchmarkError("\(flag) needs a positive whole number")
            }
            guard let property = flags.first(where: { $0.key == flag })?.value else {
                throw BenchmarkError("unknown option \(flag); use \(usage)")
            }
            options[keyPath: property] = value
        }
    }

    /// Every flag with its placeholder: `--devices N --users N --runs N`.
    public var usage: String {
        flags.map { "\($0.key) N" }.joined(separator: " ")
    }
}
