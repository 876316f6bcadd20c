/// The state of a service's BGP session, spelt exactly as upstream's `session_status` strings.
public enum SessionState: String, Codable, Sendable, Hashable, CaseIterable {
    /// The peer was added; nothing heard yet.
    case pending = "Pending BGP Session"
    /// The device's OPEN arrived.
    case initializing = "Initializing BGP Session"
    /// The session was up and dropped.
    case down = "BGP Session Down"
    /// The session is established.
    case up = "BGP Session Up"
    /// The TCP connection came up but no session within 30 s.
    case failed = "BGP Session Failed"
    /// No TCP connection within 30 s.
    case unreachable = "Network Unreachable"
    /// Nothing is provisioned (only in `/status`'s placeholder entry).
    case disconnected
}
