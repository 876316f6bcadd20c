/// The session status `doublezerod` reports in `/status` (`session_status`), with the exact
/// upstream strings as raw values (`reference/client.md` §2.5, §2.9).
///
/// ``failed`` and ``networkUnreachable`` are verdicts of the session timeout; once reported,
/// they stay until ``up`` (the next attempts' ``pending``, ``initializing`` and ``down`` are
/// not reported over them).
public enum BGPSessionStatus: String, Hashable, Sendable, CaseIterable {
    /// Started, or TCP connected and OPEN sent: "Pending BGP Session".
    case pending = "Pending BGP Session"
    /// The peer's OPEN arrived: "Initializing BGP Session".
    case initializing = "Initializing BGP Session"
    /// Established: "BGP Session Up".
    case up = "BGP Session Up"
    /// The session closed (it is being retried): "BGP Session Down".
    case down = "BGP Session Down"
    /// Not established within the session timeout although TCP connected: "BGP Session Failed".
    case failed = "BGP Session Failed"
    /// Not established within the session timeout and TCP never connected: "Network Unreachable".
    case networkUnreachable = "Network Unreachable"
}
