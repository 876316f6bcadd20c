import Models

/// One latency probe result: a device address (its public IP or a user-tunnel-endpoint interface)
/// and the RTTs measured to it. Element of `GET /latency` and of `GET /v2/latency`'s `results`.
public struct LatencyResult: Codable, Sendable, Hashable {
    /// The device's ledger key.
    public var devicePubkey: PublicKey
    /// The address probed.
    public var deviceIP: IPv4Address
    /// The device's code, e.g. `ny5-dz01`.
    public var deviceCode: String
    /// The lowest RTT in nanoseconds (0 when unreachable).
    public var minLatencyNanoseconds: UInt64
    /// The highest RTT in nanoseconds.
    public var maxLatencyNanoseconds: UInt64
    /// The mean RTT in nanoseconds.
    public var averageLatencyNanoseconds: UInt64
    /// Lost probes in percent.
    public var lossPercentage: Double
    /// The interface probed, e.g. `Loopback100`; nil (left out) for the device's public IP.
    public var interfaceName: String?
    /// Whether any probe was answered.
    public var reachable: Bool

    enum CodingKeys: String, CodingKey {
        case devicePubkey = "device_pk"
        case deviceIP = "device_ip"
        case deviceCode = "device_code"
        case minLatencyNanoseconds = "min_latency_ns"
        case maxLatencyNanoseconds = "max_latency_ns"
        case averageLatencyNanoseconds = "avg_latency_ns"
        case lossPercentage = "loss_percentage"
        case interfaceName = "interface_name"
        case reachable
    }

    /// A result with the given fields.
    public init(
        devicePubkey: PublicKey, deviceIP: IPv4Address, deviceCode: String, minLatencyNanoseconds: UInt64,
        maxLatencyNanoseconds: UInt64, averageLatencyNanoseconds: UInt64, lossPercentage: Double,
        interfaceName: String? = nil, reachable: Bool
    ) {
        self.devicePubkey = devicePubkey
        self.deviceIP = deviceIP
        self.deviceCode = deviceCode
        self.minLatencyNanoseconds = minLatencyNanoseconds
        self.maxLatencyNanoseconds = maxLatencyNanoseconds
        self.averageLatencyNanoseconds = averageLatencyNanoseconds
        self.lossPercentage = lossPercentage
        self.interfaceName = interfaceName
        self.reachable = reachable
    }
}
