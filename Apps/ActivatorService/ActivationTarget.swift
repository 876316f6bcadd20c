import Ledger
import Models

/// What one activator instruction acts on: a ledger entity, or one interface of a device.
public enum ActivationTarget: Hashable, Sendable, CustomStringConvertible {
    /// A device, link, user or multicast group.
    case entity(EntityRef)
    /// A device interface (loopbacks are activated one by one).
    case interface(device: PublicKey, name: String)

    /// `user/<key>` or `device/<key>/Loopback100`.
    public var description: String {
        switch self {
        case .entity(let ref): ref.description
        case .interface(let device, let name): "device/\(device)/\(name)"
        }
    }

    /// The entity kind for logs (`user`, `device_interface`, …).
    public var kindName: String {
        switch self {
        case .entity(let ref): ref.kind.rawValue
        case .interface: "device_interface"
        }
    }
}
