import ArgumentParser

/// Why the `doublezero` CLI's settings could not be read, resolved or saved; the message says what
/// and where (the flag, the environment variable, or the config file and line).
public enum CLIConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file at `path` is not a flat `key: value` file.
    case malformed(path: String, FlatYAMLError)

    /// The config file at `path` exists but cannot be read.
    case unreadable(path: String, reason: String)

    /// The config file at `path` (or its directory) cannot be written; nothing was changed.
    case unwritable(path: String, reason: String)

    /// `value`, given for `setting` by `source`, cannot be used, because of `reason`.
    case invalidValue(CLISetting, value: String, source: SettingSource, reason: String)

    /// Nothing gives a ledger: no `--ledger`, no `DOUBLEZERO_LEDGER`, no `ledger` in the config file.
    case noLedger

    /// Whether the problem is in the arguments or environment the command was run with (a usage
    /// error, exit 64) rather than in the config file (exit 1).
    public var isUsageError: Bool {
        switch self {
        case .noLedger: true
        case .invalidValue(_, _, let source, _):
            switch source {
            case .flag, .environment: true
            case .file, .builtInDefault: false
            }
        case .malformed, .unreadable, .unwritable: false
        }
    }

    /// This error as a command reports it: a ``ArgumentParser/ValidationError`` (exit 64, with the
    /// command's usage) when it is a usage error, else the error itself (`Error: <message>`, exit 1).
    public var commandLineError: any Error {
        isUsageError ? ValidationError(description) : self
    }

    /// What is wrong and where, in one line.
    public var description: String {
        switch self {
        case .malformed(let path, let error):
            "config file \(path), \(error)"
        case .unreadable(let path, let reason):
            "cannot read config file \(path): \(reason)"
        case .unwritable(let path, let reason):
            "cannot write config file \(path): \(reason); nothing was changed"
        case .invalidValue(let setting, let value, let source, let reason):
            switch source {
            case .flag(let name): "\(name) '\(value)': \(reason)"
            case .environment(let name): "\(name)='\(value)': \(reason)"
            case .file(let path, let line): "config file \(path), line \(line): \(setting.key) '\(value)': \(reason)"
            case .builtInDefault: "the default \(setting.key) '\(value)': \(reason)"
            }
        case .noLedger:
            "no ledger given. Set one with `doublezero config set --ledger URL` (the http(s):// URL of a "
                + "doublezero-ledger server, or the path of a ledger file on this host); for one command, "
                + "give --ledger or set DOUBLEZERO_LEDGER"
        }
    }
}
