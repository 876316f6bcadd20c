import BGPWire

/// Why a connection attempt or an established session ended.
public enum BGPSessionCloseReason: Hashable, Sendable, CustomStringConvertible {
    /// TCP did not connect (refused, unreachable, timed out); the text is the system's error.
    case connectFailed(String)
    /// We found an error in what the peer sent, sent this NOTIFICATION and closed.
    case notificationSent(BGPNotification, reason: String)
    /// The peer sent this NOTIFICATION.
    case notificationReceived(BGPNotification)
    /// Nothing arrived from the peer within the negotiated hold time; we sent 4/0 and closed.
    case holdTimerExpired
    /// The connection closed or failed without a NOTIFICATION; the text says how.
    case connectionLost(String)
    /// ``BGPSpeaker/stop()`` closed the session (with a Cease 6/2 if it was open).
    case stopped

    /// The reason in words, for logs.
    public var description: String {
        switch self {
        case .connectFailed(let error): "connect failed: \(error)"
        case .notificationSent(let notification, let reason): "sent \(notification): \(reason)"
        case .notificationReceived(let notification): "received \(notification)"
        case .holdTimerExpired: "hold timer expired"
        case .connectionLost(let how): "connection lost: \(how)"
        case .stopped: "stopped"
        }
    }
}
