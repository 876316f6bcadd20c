import Ledger

/// Why the controller could not load or follow the ledger.
enum ControllerError: Error, CustomStringConvertible {
    /// The ledger has no global config (run the ledger's bootstrap first).
    case noGlobalConfig
    /// Reading or following the ledger failed.
    case ledger(LedgerError)
    /// The ledger closed the log stream.
    case followStreamEnded

    var description: String {
        switch self {
        case .noGlobalConfig:
            "the ledger has no global config yet (set it with `doublezero global-config set`), so no device can be configured"
        case .ledger(let error): "the ledger failed: \(error)"
        case .followStreamEnded: "the ledger closed the log stream"
        }
    }
}
