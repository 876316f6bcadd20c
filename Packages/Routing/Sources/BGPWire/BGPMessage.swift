/// One BGP-4 message (RFC 4271 §4), as carried after the 19-byte header.
public enum BGPMessage: Hashable, Sendable {
    /// OPEN (type 1): the first message of a session.
    case open(BGPOpen)
    /// UPDATE (type 2): withdrawn routes, path attributes and announced prefixes.
    case update(BGPUpdate)
    /// NOTIFICATION (type 3): an error; the sender closes the connection after it.
    case notification(BGPNotification)
    /// KEEPALIVE (type 4): the header alone.
    case keepalive

    /// The type octet of the header.
    public var type: BGPMessageType {
        switch self {
        case .open: .open
        case .update: .update
        case .notification: .notification
        case .keepalive: .keepalive
        }
    }
}

/// The message type octet of the BGP header.
public enum BGPMessageType: UInt8, Hashable, Sendable {
    /// OPEN.
    case open = 1
    /// UPDATE.
    case update = 2
    /// NOTIFICATION.
    case notification = 3
    /// KEEPALIVE.
    case keepalive = 4
}
