import Models

/// Where a new tunnel should go: a device, the endpoint address on it, and why.
public struct TunnelPlacement: Hashable, Sendable {
    /// Which rule of ``DeviceSelectionPolicy`` chose it.
    public enum Reason: Hashable, Sendable {
        /// First tunnel: the lowest minimum RTT of every candidate.
        case lowestLatency
        /// Second tunnel: another unused endpoint of the device the first tunnel is on.
        case otherEndpointOfCurrentDevice
        /// Second tunnel: the lowest-latency other device within the tolerance of the current
        /// device, whose RTT was `currentDeviceRTT`.
        case nearbyDevice(currentDeviceRTT: Duration)
    }

    /// The chosen device.
    public var device: PublicKey
    /// Its code.
    public var deviceCode: String
    /// The device address the tunnel should terminate on.
    public var endpoint: IPv4Address
    /// The measurement of that endpoint (reachable).
    public var statistics: RTTStatistics
    /// Why this device and endpoint.
    public var reason: Reason

    /// Creates a placement.
    public init(
        device: PublicKey, deviceCode: String, endpoint: IPv4Address, statistics: RTTStatistics, reason: Reason
    ) {
        self.device = device
        self.deviceCode = deviceCode
        self.endpoint = endpoint
        self.statistics = statistics
        self.reason = reason
    }
}
