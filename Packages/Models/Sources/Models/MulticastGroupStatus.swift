/// Status of a multicast group.
public enum MulticastGroupStatus: String, CaseIterable, Sendable, Codable {
    /// Created; waiting for the activator to allocate its group address.
    case pending
    /// In service.
    case activated
    /// Suspended: no role changes until reactivated.
    case suspended
    /// Deletion requested; the activator releases its address and closes it.
    case deleting
    /// Refused by the activator (see the group's `reject_reason`).
    case rejected
}
