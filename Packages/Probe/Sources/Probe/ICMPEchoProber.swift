import LinuxHost
import Synchronization

/// Measures round-trip times to many addresses at once with ICMP echoes over one
/// ``ICMPSocket``.
///
/// A pass sends `count` rounds, `interval` apart; each round sends one echo to every target
/// back to back, so all targets are probed concurrently by one thread with one socket. Replies
/// are matched by sequence number and source address (and identifier on raw sockets). The pass
/// ends when every probe is answered or `timeout` after it began; unanswered probes are lost.
/// Upstream's defaults: 3 probes, 1 s apart, 10 s timeout, 56-byte payload.
///
/// Round-trip times use the kernel's receive timestamp, as `ping` does (see `SendTime`).
/// One pass at a time per prober; a concurrent call fails with ``ProbeError/passInProgress``.
public final class ICMPEchoProber: Sendable {
    /// How a pass probes.
    public struct Configuration: Hashable, Sendable {
        /// Probes per target (at least 1).
        public var count: Int
        /// Time between rounds (not negative).
        public var interval: Duration
        /// Time from the start of the pass after which missing replies count as lost (positive).
        public var timeout: Duration
        /// Echo payload length in bytes (0...1472; `ping`'s default is 56).
        public var payloadLength: Int

        /// Upstream's values: 3 probes 1 s apart, 10 s timeout, 56-byte payload.
        public static let upstream = Configuration(
            count: 3, interval: .seconds(1), timeout: .seconds(10), payloadLength: 56)

        /// Creates a configuration.
        public init(count: Int, interval: Duration, timeout: Duration, payloadLength: Int = 56) {
            self.count = count
            self.interval = interval
            self.timeout = timeout
            self.payloadLength = payloadLength
        }

        /// Checks the ranges documented on each field.
        public func validate() throws(ProbeError) {
            guard count >= 1 else { throw .invalidConfiguration(field: "count", reason: "\(count) is below 1") }
            guard interval >= .zero else {
                throw .invalidConfiguration(field: "interval", reason: "\(interval) is negative")
            }
            guard timeout > .zero else {
                throw .invalidConfiguration(field: "timeout", reason: "\(timeout) is not positive")
            }
            guard (0...1472).contains(payloadLength) else {
                throw .invalidConfiguration(field: "payloadLength", reason: "\(payloadLength) is outside 0...1472")
            }
        }
    }

    /// The socket probes go out on.
    public let socket: ICMPSocket
    /// How passes probe.
    public let configuration: Configuration
    /// The next pass's first sequence number, and whether a pass is running.
    private let state = Mutex((nextSequence: UInt16.random(in: 0...UInt16.max), running: false))

    /// Creates a prober.
    ///
    /// - Throws: ``ProbeError/invalidConfiguration(field:reason:)``.
    public init(socket: ICMPSocket, configuration: Configuration = .upstream) throws(ProbeError) {
        try configuration.validate()
        self.socket = socket
        self.configuration = configuration
    }

    /// Whether a pass is running now.
    public var isProbing: Bool { state.withLock { $0.running } }

    /// Probes every target and returns one result per target, in target order, on a thread of
    /// its own.
    public func probe(_ targets: [ProbeTarget]) async throws(ProbeError) -> [ProbeResult] {
        try await DedicatedThread.run(name: "icmp-probe") { () throws(ProbeError) -> [ProbeResult] in
            try self.probeBlocking(targets)
        }
    }

    /// Probes every target on the calling thread, blocking it for up to `timeout`.
    public func probeBlocking(_ targets: [ProbeTarget]) throws(ProbeError) -> [ProbeResult] {
        let total = targets.count * configuration.count
        let firstSequence = try state.withLock { state throws(ProbeError) -> UInt16 in
            guard !state.running else { throw .passInProgress }
            state.running = true
            let first = state.nextSequence
            state.nextSequence = first &+ UInt16(truncatingIfNeeded: total)
            return first
        }
        defer { state.withLock { $0.running = false } }
        var pass = try EchoProbePass(targets: targets, count: configuration.count, firstSequence: firstSequence)
        guard !targets.isEmpty else { return [] }
        try run(&pass)
        return pass.results()
    }

    /// The send/receive loop of one pass.
    private func run(_ pass: inout EchoProbePass) throws(ProbeError) {
        let payload = (0..<configuration.payloadLength).map { UInt8(truncatingIfNeeded: $0) }
        let start = ContinuousClock.now
        let deadline = start + configuration.timeout
        var round = 0
        while true {
            let now = ContinuousClock.now
            if round < configuration.count && now >= start + configuration.interval * round {
                for (index, target) in pass.targets.enumerated() {
                    let request = socket.echoRequest(
                        sequence: pass.sequence(round: round, target: index), payload: payload)
                    // Read the clocks after encoding, right before the system call, as ping does.
                    let sendTime = SendTime.now()
                    if socket.send(echoRequest: request, to: target.address) == nil {
                        pass.recordSent(round: round, target: index, at: sendTime)
                    }
                }
                round += 1
            }
            let allSent = round == configuration.count
            if allSent && pass.outstanding == 0 { return }
            let afterSending = ContinuousClock.now
            if afterSending >= deadline { return }
            let nextEvent = allSent ? deadline : min(deadline, start + configuration.interval * round)
            if try socket.waitReadable(timeout: afterSending.duration(to: nextEvent)) {
                while let reply = try socket.receiveEchoReply() {
                    pass.recordReply(
                        sequence: reply.message.sequence, from: reply.source,
                        kernelReceived: reply.kernelTimestamp, readAt: .now)
                }
            }
        }
    }
}
