import Models

/// Why no device could be selected for a tunnel.
public enum DeviceSelectionError: Error, Hashable, Sendable {
    /// No device qualifies; `refusals` says why each known device was refused (by device code).
    /// `currentDeviceCode` is set when this was a second tunnel next to one on that device.
    case noSuitableDevice(tunnelType: UserType, currentDeviceCode: String?, refusals: [DeviceRefusal])
    /// The client's existing tunnel names a device that is not in the device list.
    case currentDeviceUnknown(PublicKey)
}

extension DeviceSelectionError: CustomStringConvertible {
    /// A message for the user: what was asked, then one line per refused device.
    public var description: String {
        switch self {
        case .noSuitableDevice(let type, let currentCode, let refusals):
            let what =
                currentCode.map { "no device can take a second tunnel (\(type.tunnelKind)) next to the one on \($0)" }
                ?? "no device can take a \(type.tunnelKind) tunnel"
            guard !refusals.isEmpty else { return what + ": no devices are known" }
            return ([what + ":"] + refusals.map { "  \($0)" }).joined(separator: "\n")
        case .currentDeviceUnknown(let key):
            return "the device \(key) of the client's current tunnel is not among the known devices"
        }
    }
}
