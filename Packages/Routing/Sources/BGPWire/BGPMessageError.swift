/// A received message that breaks RFC 4271: the NOTIFICATION to send before closing the
/// session, what was wrong, and where.
public struct BGPMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The NOTIFICATION (code, subcode, data) RFC 4271 §6 prescribes for this error.
    public var notification: BGPNotification
    /// What was wrong, in words.
    public var reason: String
    /// The byte offset in the message (from the first marker octet) where the problem was found.
    public var offset: Int

    /// Creates an error.
    public init(_ notification: BGPNotification, _ reason: String, at offset: Int) {
        self.notification = notification
        self.reason = reason
        self.offset = offset
    }

    /// The reason, the offset and the notification.
    public var description: String { "\(reason) at byte \(offset) (\(notification))" }
}
