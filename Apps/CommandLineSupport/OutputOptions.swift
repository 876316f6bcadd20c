import ArgumentParser

/// The `--json` and `--json-compact` flags of every command that reads and prints something.
///
/// Use it as `@OptionGroup var output: OutputOptions` and read ``format``. Giving both flags is a
/// usage error.
public struct OutputOptions: ParsableArguments, Sendable {
    /// `--json`: print pretty JSON instead of a table.
    @Flag(name: .long, help: "Print JSON (pretty) instead of a table.")
    public var json = false

    /// `--json-compact`: print one-line JSON instead of a table.
    @Flag(name: .long, help: "Print JSON on one line instead of a table.")
    public var jsonCompact = false

    /// The chosen output format.
    public var format: OutputFormat {
        if jsonCompact { return .jsonCompact }
        return json ? .json : .table
    }

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}

    /// Rejects `--json` together with `--json-compact`.
    public func validate() throws {
        if json && jsonCompact {
            throw ValidationError("--json and --json-compact cannot be used together; pick one.")
        }
    }
}
