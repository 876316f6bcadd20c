/// Where the value of a ``CLISetting`` came from, highest precedence first.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    /// The command line, with the flag's name (`--ledger`).
    case flag(String)

    /// The environment, with the variable's name (`DOUBLEZERO_LEDGER`).
    case environment(String)

    /// The config file at `path`, on `line` (counting from 1).
    case file(path: String, line: Int)

    /// The built-in default.
    case builtInDefault

    /// The kind of source as one word: `flag`, `env`, `file` or `default` (the `source` of
    /// `doublezero config get --json`).
    public var kind: String {
        switch self {
        case .flag: "flag"
        case .environment: "env"
        case .file: "file"
        case .builtInDefault: "default"
        }
    }

    /// The kind with its detail: `flag --ledger`, `env DOUBLEZERO_LEDGER`, `file line 2`, `default`.
    public var description: String {
        switch self {
        case .flag(let name): "flag \(name)"
        case .environment(let name): "env \(name)"
        case .file(_, let line): "file line \(line)"
        case .builtInDefault: "default"
        }
    }
}
