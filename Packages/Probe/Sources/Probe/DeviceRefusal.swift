import Models

/// Why the selection policy did not choose one device.
public struct DeviceRefusal: Hashable, Sendable {
    /// The reasons, checked in this order (the first that applies is reported).
    public enum Reason: Hashable, Sendable {
        /// The device is not activated.
        case notActivated(DeviceStatus)
        /// A transit device terminates no user tunnels.
        case transitDevice
        /// The device's limit for this tunnel type is 0: it takes none (RFC 13).
        case noSlots(UserType)
        /// Every slot of this tunnel type is taken.
        case full(UserType, used: UInt16, limit: UInt16)
        /// No endpoint of the device has a latency measurement.
        case notProbed
        /// Every measured endpoint went unanswered.
        case unreachable(endpoints: Int)
        /// Every reachable endpoint already carries one of this client's tunnels.
        case endpointsInUse([IPv4Address])
        /// Second tunnel: the device's RTT is more than the tolerance above the current device's.
        case tooFar(rtt: Duration, currentDeviceRTT: Duration, tolerance: Duration)
        /// Second tunnel: the current device has no reachable measurement to compare with.
        case noReferenceLatency(currentDeviceCode: String)
    }

    /// The device's key.
    public var device: PublicKey
    /// The device's code.
    public var deviceCode: String
    /// Why it was refused.
    public var reason: Reason

    /// Creates a refusal.
    public init(device: PublicKey, deviceCode: String, reason: Reason) {
        self.device = device
        self.deviceCode = deviceCode
        self.reason = reason
    }
}

extension DeviceRefusal.Reason: CustomStringConvertible {
    /// A short explanation, e.g. `no free multicast slot (48/48 in use)`.
    public var description: String {
        switch self {
        case .notActivated(let status):
            "not activated (status \(status.rawValue))"
        case .transitDevice:
            "transit device, takes no user tunnels"
        case .noSlots(let type):
            "takes no \(type.tunnelKind) tunnels (limit 0)"
        case .full(let type, let used, let limit):
            "no free \(type.tunnelKind) slot (\(used)/\(limit) in use)"
        case .notProbed:
            "no latency measurement for any endpoint"
        case .unreachable(let endpoints):
            endpoints == 1
                ? "unreachable (its endpoint did not answer)"
                : "unreachable (none of its \(endpoints) endpoints answered)"
        case .endpointsInUse(let endpoints):
            "every reachable endpoint is already used by this client (\(endpoints.map(\.description).joined(separator: ", ")))"
        case .tooFar(let rtt, let current, let tolerance):
            "min RTT \(rtt.millisecondsText) ms is more than \(tolerance.millisecondsText) ms above the current device's \(current.millisecondsText) ms"
        case .noReferenceLatency(let code):
            "cannot compare latencies: the current device \(code) has no reachable measurement"
        }
    }
}

extension DeviceRefusal: CustomStringConvertible {
    /// `code: reason`.
    public var description: String { "\(deviceCode): \(reason)" }
}

extension UserType {
    /// `unicast` or `multicast`: the tunnel kind this user type occupies.
    var tunnelKind: String { isUnicast ? "unicast" : "multicast" }
}
