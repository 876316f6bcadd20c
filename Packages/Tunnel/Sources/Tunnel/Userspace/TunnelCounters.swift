import Synchronization

/// Per-tunnel packet and byte counters of the userspace datapath.
public final class TunnelCounters: Sendable {
    /// Inner packets read from the TUN device and sent as GRE.
    public let packetsSent = Atomic<UInt64>(0)
    /// Inner bytes sent.
    public let bytesSent = Atomic<UInt64>(0)
    /// GRE packets received and written to the TUN device.
    public let packetsReceived = Atomic<UInt64>(0)
    /// Inner bytes received.
    public let bytesReceived = Atomic<UInt64>(0)
    /// TCP super-packets from the device split into segments (software TSO).
    public let superPacketsSegmented = Atomic<UInt64>(0)
    /// Writes to the device that carried several merged TCP segments (software GRO).
    public let mergedWrites = Atomic<UInt64>(0)
    /// GRE packets the underlay's GRO had already merged (several TCP segments, checksum left
    /// to offload), written to the device as one offloaded packet.
    public let underlayMergedPackets = Atomic<UInt64>(0)
    /// Packets dropped: malformed, wrong endpoints, or refused by the kernel.
    public let packetsDropped = Atomic<UInt64>(0)

    /// Zeroed counters.
    public init() {}

    func add(_ counter: borrowing Atomic<UInt64>, _ value: Int) {
        counter.wrappingAdd(UInt64(value), ordering: .relaxed)
    }
}
