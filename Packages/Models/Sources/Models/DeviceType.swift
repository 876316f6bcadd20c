/// What a device does in the network (RFC 12).
public enum DeviceType: String, CaseIterable, Sendable, Codable {
    /// Terminates users and routes between devices (the default).
    case hybrid
    /// Routes between devices only; terminates no users; its public IP may be non-global.
    case transit
    /// Terminates users only.
    case edge
}
