import Foundation

/// A benchmark's command line: `--flag N` pairs, each `N` a positive whole number written into one
/// property of the benchmark's options, plus optional on/off switches (`--no-wakeup`); flags may
/// come in any order and each is optional. `--help` (or `-h`) prints the usage and exits 0.
public struct WholeNumberFlags<Options> {
    /// The flags, in the order the usage message lists them, with the property each one sets.
    public let flags: KeyValuePairs<String, WritableKeyPath<Options, Int>>
    /// Switches without a value, with the property each one sets and the value it sets it to.
    public let switches: KeyValuePairs<String, (property: WritableKeyPath<Options, Bool>, value: Bool)>

    /// Flags setting the given properties, e.g. `["--runs": \.runs]`, and switches, e.g.
    /// `["--no-wakeup": (\.wakeup, false)]`.
    public init(
        _ flags: KeyValuePairs<String, WritableKeyPath<Options, Int>>,
        switches: KeyValuePairs<String, (property: WritableKeyPath<Options, Bool>, value: Bool)> = [:]
    ) {
        self.flags = flags
        self.switches = switches
    }

    /// Sets `options` from `arguments` (the program name first, as in `CommandLine.arguments`).
    ///
    /// Throws a ``BenchmarkError`` for an unknown flag (naming every known one) and for a value
    /// that is not a positive whole number. `--help` prints the usage and exits 0.
    public func parse(_ arguments: [String], into options: inout Options) throws {
        let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "benchmark"
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--help" || flag == "-h" {
                print("usage: \(program) \(usage)")
                exit(0)
            }
            if let toggle = switches.first(where: { $0.key == flag })?.value {
                options[keyPath: toggle.property] = toggle.value
                continue
            }
            guard let property = flags.first(where: { $0.key == flag })?.value else {
                throw BenchmarkError("unknown option \(flag); use \(usage)")
            }
            guard let text = iterator.next(), let value = Int(text), value > 0 else {
                throw BenchmarkError("\(flag) needs a positive whole number")
            }
            options[keyPath: property] = value
        }
    }

    /// Every flag with its placeholder, then every switch: `--devices N --users N --runs N`.
    public var usage: String {
        (flags.map { "[\($0.key) N]" } + switches.map { "[\($0.key)]" }).joined(separator: " ")
    }
}
