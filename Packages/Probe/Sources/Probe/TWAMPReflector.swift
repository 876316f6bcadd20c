#if canImport(Glibc)
    import Glibc
#endif
import LinuxHost
import Synchronization

/// A TWAMP-light reflector (RFC 5357 §4.2, unauthenticated, no control session): answers every
/// test packet arriving on its UDP socket (port 862 by convention) with a
/// ``TWAMPReflectedPacket`` carrying the sender's fields, the arrival time (kernel timestamp)
/// and the departure time, so the sender can subtract the time spent here.
///
/// ``run()`` blocks until ``stop()``; ``start()`` runs it on a thread of its own.
public final class TWAMPReflector: Sendable {
    /// The well-known TWAMP port.
    public static let wellKnownPort: UInt16 = 862

    /// The socket test packets arrive on.
    public let socket: UDPSocket
    /// The read end of a pipe that ``stop()`` writes to, to wake the loop.
    private let wakeDescriptor: Int32
    /// The write end of that pipe.
    private let wakeWriteDescriptor: Int32
    /// The reflector's sequence counter, packets answered, and packets ignored as malformed.
    private let counters = Mutex((sequence: UInt32(0), reflected: 0, ignored: 0))
    /// Set by ``stop()``.
    private let stopped = Atomic(false)
    /// Whether ``start()`` launched the loop (so ``stop()`` waits for it to end).
    private let startedInBackground = Atomic(false)
    /// Signalled when the loop started by ``start()`` ends, with its error if any.
    private let finished = Mutex<(done: Bool, error: ProbeError?)>((false, nil))

    /// Creates a reflector answering on `socket`.
    public init(socket: UDPSocket) throws(ProbeError) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw .systemCall(call: "pipe", errno: errno, context: "the TWAMP reflector's wake-up")
        }
        self.socket = socket
        self.wakeDescriptor = pipeEnds[0]
        self.wakeWriteDescriptor = pipeEnds[1]
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriteDescriptor)
    }

    /// Packets answered so far.
    public var reflectedCount: Int { counters.withLock { $0.reflected } }
    /// Packets ignored so far (shorter than a test packet).
    public var ignoredCount: Int { counters.withLock { $0.ignored } }

    /// Answers test packets until ``stop()`` is called.
    public func run() throws(ProbeError) {
        while !stopped.load(ordering: .acquiring) {
            guard try socket.waitReadable(timeout: .seconds(1), wakeDescriptor: wakeDescriptor) else { continue }
            while let datagram = try socket.receive() {
                reflect(datagram)
            }
        }
    }

    /// Runs ``run()`` on a thread of its own (a ``DedicatedThread``) and returns; test packets
    /// arriving before the thread is scheduled wait in the socket.
    public func start() {
        startedInBackground.store(true, ordering: .releasing)
        _ = DedicatedThread(name: "twamp-reflector") { [self] in
            var failure: ProbeError?
            do throws(ProbeError) { try run() } catch { failure = error }
            finished.withLock { $0 = (true, failure) }
        }
    }

    /// Stops the loop; returns the error that ended it early, if any, once it has ended (when
    /// started with ``start()``).
    @discardableResult
    public func stop() -> ProbeError? {
        stopped.store(true, ordering: .releasing)
        var one: UInt8 = 1
        _ = write(wakeWriteDescriptor, &one, 1)
        guard startedInBackground.load(ordering: .acquiring) else { return nil }
        // The loop wakes at once; allow it two seconds to notice.
        for _ in 0..<2000 {
            let state = finished.withLock { $0 }
            if state.done { return state.error }
            usleep(1000)
        }
        return nil
    }

    /// Answers one datagram.
    private func reflect(_ datagram: UDPSocket.Datagram) {
        let received = datagram.kernelTimestamp ?? .now()
        guard let test = try? TWAMPTestPacket(decoding: datagram.bytes) else {
            counters.withLock { $0.ignored += 1 }
            return
        }
        let sequence = counters.withLock { counters in
            defer { counters.sequence &+= 1 }
            return counters.sequence
        }
        // Answer with at least the reflected packet's size, and the request's size if larger.
        let padding = max(0, datagram.bytes.count - TWAMPReflectedPacket.minimumLength)
        let reply = TWAMPReflectedPacket(
            reflector: TWAMPPacketHeader(sequence: sequence, timestamp: NTPTimestamp(.now())),
            receiveTimestamp: NTPTimestamp(received), sender: test.header, senderTTL: datagram.ttl ?? 255,
            paddingLength: padding)
        // Count before sending: the sender may read the reply before this thread runs again.
        counters.withLock { $0.reflected += 1 }
        if socket.send(reply.encoded(), to: datagram.source, port: datagram.sourcePort) != nil {
            counters.withLock { $0.reflected -= 1 }
        }
    }
}
