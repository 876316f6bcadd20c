import Ledger

/// Why the activator's work or snapshot failed.
///
/// Every case is caught: it is logged, and the follow session loads a fresh snapshot from which
/// the pools are rebuilt.
public enum ActivatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The ledger has no global config yet, so there are no pools to allocate from.
    case missingGlobalConfig
    /// The ledger could not be read or written (not a refusal: the ledger was unreachable or failed).
    case ledger(LedgerError)
    /// The ledger refused an activation with `AllocationFailed`: the pools are stale and are rebuilt.
    case stalePools(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .missingGlobalConfig: "the ledger has no global config yet"
        case .ledger(let error): "\(error)"
        case .stalePools(let detail): "the pools are stale (\(detail)); rebuilding them from the ledger"
        }
    }
}
