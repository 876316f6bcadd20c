/// Status of a device (classic flow: the activator activates or rejects a pending device).
public enum DeviceStatus: String, CaseIterable, Sendable, Codable {
    /// Created; waiting for the activator to set up its pools.
    case pending
    /// Serving users and links.
    case activated
    /// Suspended by the foundation.
    case suspended
    /// Drained by its owner: carries no new users; must be drained before deletion.
    case drained
    /// Deletion requested; the activator releases its resources and closes it.
    case deleting
    /// Refused by the activator (see the device's `reject_reason`).
    case rejected
}
