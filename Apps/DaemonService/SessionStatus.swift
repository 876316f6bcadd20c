/// A service's `doublezero_status` object: `{"session_status": "BGP Session Up", "last_session_update": 1760464781}`.
public struct SessionStatus: Codable, Sendable, Hashable {
    /// The BGP session's state.
    public var state: SessionState
    /// When it last changed, in Unix seconds; absent in `/status`'s `disconnected` placeholder.
    public var lastUpdate: Int64?

    enum CodingKeys: String, CodingKey {
        case state = "session_status"
        case lastUpdate = "last_session_update"
    }

    /// A status in `state` since `lastUpdate`.
    public init(state: SessionState, lastUpdate: Int64?) {
        self.state = state
        self.lastUpdate = lastUpdate
    }
}
