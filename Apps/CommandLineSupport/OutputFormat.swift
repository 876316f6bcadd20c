/// How a command prints what it read: a table for people, or JSON for programs.
public enum OutputFormat: Sendable, Hashable {
    /// Columns separated by ` | ` with a header line (the upstream CLI's table style).
    case table

    /// Pretty-printed JSON; the field names are a public contract.
    case json

    /// The same JSON on one line.
    case jsonCompact
}
