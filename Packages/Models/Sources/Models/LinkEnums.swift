/// Status of a link between two devices.
public enum LinkStatus: String, CaseIterable, Sendable, Codable {
    /// Created (WAN) or accepted (DZX); waiting for the activator to allocate its /31 and id.
    case pending
    /// A DZX link waiting for the side-Z contributor to accept or decline it; it holds nothing on
    /// the side-Z device yet.
    case requested
    /// Carrying traffic.
    case activated
    /// IS-IS metric forced to 1,000,000 (RFC 9): traffic avoids it if it can.
    case softDrained = "soft_drained"
    /// IS-IS passive (RFC 9): no adjacency, no traffic.
    case hardDrained = "hard_drained"
    /// Deletion requested; the activator releases its resources and closes it.
    case deleting
    /// Refused by the activator, or declined by side Z (see the link's `reject_reason`).
    case rejected
}

/// Kind of link.
public enum LinkType: String, CaseIterable, Sendable, Codable {
    /// Wide-area link; both ends belong to the same contributor (the default).
    case wan
    /// Exchange link between two contributors; side Z must accept it.
    case dzx
}
