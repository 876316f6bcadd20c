/// Why a device's configuration could not be produced.
public enum DeviceConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No device in the snapshot has this code or public key.
    case unknownDevice(String)
    /// The device has pathologies: it gets no config and is nobody's peer.
    case preconditionsFailed(device: String, pathologies: [DeviceConfigPathology])
    /// A name that goes into the config text contains whitespace or a control character, which
    /// would break the EOS command it is part of.
    case unsafeName(device: String, field: String, value: String)

    /// One line naming the device and the reason.
    public var description: String {
        switch self {
        case .unknownDevice(let name):
            "no device with code or public key '\(name)' in the ledger"
        case .preconditionsFailed(let device, let pathologies):
            "cannot render config for device \(device): [\(pathologies.map(\.description).joined(separator: ", "))]"
        case .unsafeName(let device, let field, let value):
            "cannot render config for device \(device): \(field) '\(value)' contains whitespace or a control character"
        }
    }
}
