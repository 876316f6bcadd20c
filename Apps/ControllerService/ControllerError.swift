import Ledger

/// Why the controller could not load the ledger or build a snapshot.
public enum ControllerError: Error, CustomStringConvertible {
    /// The ledger has no global config (run the ledger's bootstrap first).
    case noGlobalConfig
    /// Reading the ledger failed.
    case ledger(LedgerError)

    /// A message for people.
    public var description: String {
        switch self {
        case .noGlobalConfig:
            "the ledger has no global config yet (set it with `doublezero global-config set`), so no device can be configured"
        case .ledger(let error): "the ledger failed: \(error)"
        }
    }
}
