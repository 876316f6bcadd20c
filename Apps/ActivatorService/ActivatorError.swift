import Ledger

/// Why an activator session stopped before its follow stream ended.
///
/// The run loop catches every case: it logs it, waits a moment and starts a new session that
/// rebuilds the pools from the ledger.
public enum ActivatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The ledger has no global config yet, so there are no pools to allocate from.
    case missingGlobalConfig
    /// The ledger could not be read or written (not a refusal: the ledger was unreachable or failed).
    case ledger(LedgerError)
    /// The ledger refused an activation with `AllocationFailed`: the pools are stale and are rebuilt.
    case stalePools(String)
    /// The log stream ended (the ledger went away or the follower fell behind).
    case followStreamEnded(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .missingGlobalConfig: "the ledger has no global config yet"
        case .ledger(let error): "\(error)"
        case .stalePools(let detail): "the pools are stale (\(detail)); rebuilding them from the ledger"
        case .followStreamEnded(let detail): "the log stream ended: \(detail)"
        }
    }
}
