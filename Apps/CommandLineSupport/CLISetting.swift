/// A setting of the `doublezero` CLI that a person can give once instead of on every command: on the
/// command line, in a `DOUBLEZERO_*` environment variable, or in the config file
/// (``CLIConfigFile``, written by `doublezero config set`).
///
/// ``CLISettings`` resolves each one in that order, falling back to ``defaultValue``.
public enum CLISetting: String, CaseIterable, Sendable, Hashable {
    /// Where the ledger is: the path of its file, or the http(s) URL of a ledger server.
    case ledger

    /// The key file that signs transactions.
    case keypair

    /// doublezerod's API socket.
    case socket

    /// The key in the config file: `ledger`, `keypair_path` (the upstream CLI's key name) and
    /// `sock_file` (after the upstream `--sock-file` flag).
    public var key: String {
        switch self {
        case .ledger: "ledger"
        case .keypair: "keypair_path"
        case .socket: "sock_file"
        }
    }

    /// The environment variable: `DOUBLEZERO_LEDGER`, `DOUBLEZERO_KEYPAIR` (as upstream) and
    /// `DOUBLEZERO_SOCKET`.
    public var environmentVariable: String {
        switch self {
        case .ledger: "DOUBLEZERO_LEDGER"
        case .keypair: "DOUBLEZERO_KEYPAIR"
        case .socket: "DOUBLEZERO_SOCKET"
        }
    }

    /// The command-line flag: `--ledger`, `--keypair`, `--sock-file`.
    public var flag: String {
        switch self {
        case .ledger: "--ledger"
        case .keypair: "--keypair"
        case .socket: "--sock-file"
        }
    }

    /// The value when nothing gives one: the upstream key file `~/.config/doublezero/id.json` and
    /// doublezerod's socket `/run/doublezerod/doublezerod.sock`; the ledger has none.
    public var defaultValue: String? {
        switch self {
        case .ledger: nil
        case .keypair: KeypairOption.defaultPath
        case .socket: DaemonSocketOption.defaultPath
        }
    }
}
