import LinuxHost
import Models
import Synchronization

/// A TWAMP-light sender (RFC 5357 §4.1, unauthenticated, no control session): sends numbered
/// test packets to a reflector and computes each round-trip time as
/// `(t4 − t1) − (t3 − t2)`: arrival minus departure here, less the time the packet spent in the
/// reflector (its send minus receive timestamps). Used for links between devices.
///
/// Sequence numbers continue from one measurement to the next, and a reply counts only when it
/// echoes both the sequence number and the timestamp of a probe of the running measurement, so a
/// late reply to an earlier measurement is never taken for an answer to a new probe.
/// One measurement at a time per sender; a concurrent call fails with ``ProbeError/passInProgress``.
public final class TWAMPSender: Sendable {
    /// How a measurement runs.
    public struct Configuration: Hashable, Sendable {
        /// Test packets to send (1...65,536).
        public var count: Int
        /// Time between packets (not negative).
        public var interval: Duration
        /// Time from the start after which missing replies count as lost (positive).
        public var timeout: Duration
        /// The test packet's length on the wire (at least 14; 41 matches the reply's size).
        public var packetLength: Int

        /// Creates a configuration.
        public init(
            count: Int, interval: Duration, timeout: Duration, packetLength: Int = TWAMPReflectedPacket.minimumLength
        ) {
            self.count = count
            self.interval = interval
            self.timeout = timeout
            self.packetLength = packetLength
        }

        /// Checks the ranges documented on each field.
        public func validate() throws(ProbeError) {
            guard (1...65_536).contains(count) else {
                throw .invalidConfiguration(field: "count", reason: "\(count) is outside 1...65536")
            }
            guard interval >= .zero else {
                throw .invalidConfiguration(field: "interval", reason: "\(interval) is negative")
            }
            guard timeout > .zero else {
                throw .invalidConfiguration(field: "timeout", reason: "\(timeout) is not positive")
            }
            guard (TWAMPTestPacket.minimumLength...1472).contains(packetLength) else {
                throw .invalidConfiguration(field: "packetLength", reason: "\(packetLength) is outside 14...1472")
            }
        }
    }

    /// The outcome of one measurement.
    public struct Measurement: Hashable, Sendable {
        /// Round-trip times, reflector time subtracted, in send order.
        public var statistics: RTTStatistics
        /// The TTL the last answered test packet reached the reflector with, if any answered.
        public var reflectorReceivedTTL: UInt8?
    }

    /// The socket test packets leave from.
    public let socket: UDPSocket
    /// How measurements run.
    public let configuration: Configuration
    /// The next measurement's first sequence number, and whether a measurement is running.
    private let state = Mutex((nextSequence: UInt32(0), running: false))

    /// Creates a sender.
    ///
    /// - Throws: ``ProbeError/invalidConfiguration(field:reason:)``.
    public init(socket: UDPSocket, configuration: Configuration) throws(ProbeError) {
        try configuration.validate()
        self.socket = socket
        self.configuration = configuration
    }

    /// Measures the path to the reflector at `address:port`, on a thread of its own.
    public func measure(
        reflector address: IPv4Address, port: UInt16 = TWAMPReflector.wellKnownPort
    ) async throws(ProbeError) -> Measurement {
        try await DedicatedThread.run(name: "twamp-sender") { () throws(ProbeError) -> Measurement in
            try self.measureBlocking(reflector: address, port: port)
        }
    }

    /// Measures the path to the reflector on the calling thread, blocking it up to `timeout`.
    public func measureBlocking(
        reflector address: IPv4Address, port: UInt16 = TWAMPReflector.wellKnownPort
    ) throws(ProbeError) -> Measurement {
        let count = configuration.count
        let firstSequence = try state.withLock { state throws(ProbeError) -> UInt32 in
            guard !state.running else { throw .passInProgress }
            state.running = true
            let first = state.nextSequence
            state.nextSequence = first &+ UInt32(count)
            return first
        }
        defer { state.withLock { $0.running = false } }
        // By probe number (sequence minus firstSequence): when it left, and the timestamp it carried.
        var probes: [(sendTime: SendTime, timestamp: NTPTimestamp)?] = Array(repeating: nil, count: count)
        var roundTrips: [Duration?] = Array(repeating: nil, count: count)
        var outstanding = 0
        var lastTTL: UInt8?
        let start = ContinuousClock.now
        let deadline = start + configuration.timeout
        var next = 0
        while true {
            let now = ContinuousClock.now
            if next < count && now >= start + configuration.interval * next {
                let sendTime = SendTime.now()
                let timestamp = NTPTimestamp(sendTime.wall)
                let packet = TWAMPTestPacket(
                    sequence: firstSequence &+ UInt32(next), timestamp: timestamp,
                    paddingLength: configuration.packetLength - TWAMPTestPacket.minimumLength
                ).encoded()
                if socket.send(packet, to: address, port: port) == nil {
                    probes[next] = (sendTime, timestamp)
                    outstanding += 1
                }
                next += 1
                continue
            }
            if next == count && outstanding == 0 { break }
            if now >= deadline { break }
            let nextEvent = next == count ? deadline : min(deadline, start + configuration.interval * next)
            guard try socket.waitReadable(timeout: now.duration(to: nextEvent)) else { continue }
            while let datagram = try socket.receive() {
                let readAt = ContinuousClock.now
                guard datagram.source == address, datagram.sourcePort == port,
                    let reply = try? TWAMPReflectedPacket(decoding: datagram.bytes)
                else { continue }
                let probe = Int(reply.sender.sequence &- firstSequence)
                guard probe < count, let sent = probes[probe], reply.sender.timestamp == sent.timestamp,
                    roundTrips[probe] == nil
                else { continue }
                let total = sent.sendTime.roundTrip(kernelReceived: datagram.kernelTimestamp, readAt: readAt)
                roundTrips[probe] = max(.zero, total - max(.zero, reply.reflectorDelay))
                outstanding -= 1
                lastTTL = reply.senderTTL
            }
        }
        let samples = roundTrips.map { $0.map { ProbeSample.received(rtt: $0) } ?? .lost }
        return Measurement(statistics: RTTStatistics(samples: samples), reflectorReceivedTTL: lastTTL)
    }
}
