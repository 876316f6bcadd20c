/// Why the daemon's backend could not do what the API asked; each case maps to the HTTP status
/// and message upstream answers with.
public enum DaemonBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A service of that class is already provisioned (400).
    case alreadyProvisioned(ServiceClass)
    /// Building the service failed; nothing of it remains (400, as upstream).
    case provisioningFailed(String)
    /// Tearing the service down failed (500).
    case removalFailed(String)
    /// The backend cannot do this at all yet, e.g. no reconciler is built in (503).
    case unavailable(String)
    /// Reading the daemon's state failed (500).
    case failed(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .alreadyProvisioned(let serviceClass): "\(serviceClass) service already provisioned"
        case .provisioningFailed(let reason): reason
        case .removalFailed(let reason): reason
        case .unavailable(let reason): reason
        case .failed(let reason): reason
        }
    }
}
