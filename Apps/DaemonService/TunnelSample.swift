import Foundation

/// One tunnel's figures for `/metrics`: traffic each way, its BGP session, and the latency to its
/// device.
public struct TunnelSample: Sendable, Hashable {
    /// `doublezero0` or `doublezero1`.
    public var tunnelName: String
    /// Bytes and packets received from and sent into the tunnel (the interface's counters).
    public var receivedBytes: UInt64, sentBytes: UInt64, receivedPackets: UInt64, sentPackets: UInt64
    /// The BGP session status (`SessionState` raw value).
    public var sessionState: SessionState
    /// Seconds since the session reached Established (0 when it is not up).
    public var sessionUptimeSeconds: Double
    /// How many sessions or connection attempts closed since the service was built.
    public var reconnects: Int
    /// The latest RTT to the device in nanoseconds (0 when unknown).
    public var rttNanoseconds: UInt64
    /// The latest loss to the device in percent.
    public var lossPercentage: Double

    /// A sample.
    public init(
        tunnelName: String, receivedBytes: UInt64, sentBytes: UInt64, receivedPackets: UInt64, sentPackets: UInt64,
        sessionState: SessionState, sessionUptimeSeconds: Double, reconnects: Int, rttNanoseconds: UInt64,
        lossPercentage: Double
    ) {
        self.tunnelName = tunnelName
        self.receivedBytes = receivedBytes
        self.sentBytes = sentBytes
        self.receivedPackets = receivedPackets
        self.sentPackets = sentPackets
        self.sessionState = sessionState
        self.sessionUptimeSeconds = sessionUptimeSeconds
        self.reconnects = reconnects
        self.rttNanoseconds = rttNanoseconds
        self.lossPercentage = lossPercentage
    }

    /// An interface's kernel counter (`/sys/class/net/NAME/statistics/COUNTER`), 0 when unreadable.
    public static func interfaceCounter(_ name: String, _ counter: String) -> UInt64 {
        let path = "/sys/class/net/\(name)/statistics/\(counter)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}
