#if canImport(Glibc)
    import Glibc
#endif
import Logging
import Models
import PIMWire
import Synchronization

/// What a multicast service says on its tunnel besides BGP (client.md §2.10–2.11):
///
/// - **subscriber:** a PIM Hello and one (*,G) Join of every subscribed group toward the RP,
///   upstream the device's overlay address, at once and every 30 s; a group change prunes the
///   groups left (holdtime 5) and joins the new ones at once; stopping prunes them all;
/// - **publisher:** a UDP heartbeat (`44 5A 00 01`, TTL 32) to `group:5765` for every published
///   group at once and every 10 s, from the DZ IP; and a PIM Register beacon per group to the RP
///   after a random delay under 60 s, then every 60 s, its inner datagram the heartbeat.
///
/// One per multicast service, started when the tunnel is up, updated in place when only the
/// groups change, stopped before the tunnel goes. A send that fails is logged (once per kind
/// until one succeeds) and retried on the next tick.
final class MulticastSignaling: Sendable {
    /// Seconds between Hello + Join rounds.
    static let joinInterval: Duration = .seconds(30)
    /// The extra rounds right after the start, each after the previous (at 1, 2, 4 and 8 s).
    static let startupRetries: [Duration] = [.seconds(1), .seconds(1), .seconds(2), .seconds(4)]

    /// The sockets and groups, under one lock.
    private struct State: Sendable {
        var publishers: [IPv4Address]
        var subscribers: [IPv4Address]
        var loops: [Task<Void, Never>] = []
        var failing: Set<String> = []
        var sent: [String: Int] = [:]
        /// The heartbeat socket, opened at the first publisher send (bound to the DZ IP).
        var heartbeat: SignalSocket?
    }

    private let interface: String
    private let localOverlay: IPv4Address
    private let upstream: IPv4Address
    private let dzIP: IPv4Address?
    private let rendezvousPoint: IPv4Address
    private let pim: SignalSocket
    private let logger: Logger
    private let state: Mutex<State>

    /// The signaling of the multicast service laid out by `layout`'s request (nothing sent yet).
    ///
    /// - Throws: ``SignalSocketError`` when a socket cannot be opened on the tunnel.
    init(request: ServiceRequest, interface: String, logger: Logger) throws(SignalSocketError) {
        self.interface = interface
        localOverlay = request.localOverlay
        upstream = request.remoteOverlay
        dzIP = request.doubleZeroIP
        rendezvousPoint = request.rendezvousPoint
        self.logger = logger
        pim = try SignalSocket(
            type: Int32(SOCK_RAW.rawValue), protocolNumber: Int32(PIMWireFormat.ipProtocolNumber),
            interface: interface, source: request.localOverlay, multicastTTL: 1, unicastTTL: 32,
            label: "PIM on \(interface)")
        state = Mutex(State(publishers: request.publisherGroups, subscribers: request.subscriberGroups))
    }

    /// How many messages of each kind were sent (`hello`, `join`, `prune`, `heartbeat`, `register`).
    var sentCounts: [String: Int] { state.withLock(\.sent) }

    /// Starts the loops: Hello + Join at once and every 30 s; heartbeats at once and every 10 s;
    /// Registers after a random delay, then every 60 s.
    func start() {
        let loops = [
            Task { [self] in
                // Also 1, 2, 4 and 8 s after the start: the tunnel is up within milliseconds of the
                // activation, the device takes a few hundred to apply the user, and a Join sent
                // before its pimd knows the tunnel is lost until the next round 30 s later.
                for delay in [Duration.zero] + Self.startupRetries {
                    do { try await Task.sleep(for: delay) } catch { return }
                    helloAndJoin()
                }
                await repeating(every: Self.joinInterval, firstAfter: Self.joinInterval - .seconds(15)) {
                    helloAndJoin()
                }
            },
            Task { [self] in
                await repeating(every: MulticastHeartbeat.interval, firstAfter: .zero) { sendHeartbeats() }
            },
            Task { [self] in
                let first = Duration.milliseconds(Int64.random(in: 0..<60_000))
                await repeating(every: PIMRegister.beaconInterval, firstAfter: first) { sendRegisters() }
            },
        ]
        state.withLock { $0.loops = loops }
    }

    /// Takes new group lists: prunes the subscriptions left and joins the new ones at once; the
    /// publisher groups take effect with the next heartbeat (sent at once for new groups).
    func update(publishers: [IPv4Address], subscribers: [IPv4Address]) {
        let (left, added, newPublishers) = state.withLock { state in
            let left = state.subscribers.filter { !subscribers.contains($0) }
            let added = subscribers.filter { !state.subscribers.contains($0) }
            let newPublishers = publishers.filter { !state.publishers.contains($0) }
            state.publishers = publishers
            state.subscribers = subscribers
            return (left, added, newPublishers)
        }
        if !left.isEmpty {
            send(kind: "prune") {
                try PIMJoinPrune.prune(groups: left, rp: rendezvousPoint, upstream: upstream).encoded()
            }
        }
        if !added.isEmpty {
            send(kind: "hello") { PIMHello().encoded() }
            send(kind: "join") {
                try PIMJoinPrune.join(groups: added, rp: rendezvousPoint, upstream: upstream).encoded()
            }
        }
        for group in newPublishers { heartbeat(to: group) }
    }

    /// Stops the loops and prunes every subscribed group.
    func stop() async {
        let (loops, subscribers) = state.withLock { state in
            defer { state.loops = [] }
            return (state.loops, state.subscribers)
        }
        for loop in loops { loop.cancel() }
        for loop in loops { await loop.value }
        if !subscribers.isEmpty {
            send(kind: "prune") {
                try PIMJoinPrune.prune(groups: subscribers, rp: rendezvousPoint, upstream: upstream).encoded()
            }
        }
    }

    // MARK: - Sends

    private func helloAndJoin() {
        let groups = state.withLock(\.subscribers)
        guard !groups.isEmpty else { return }
        send(kind: "hello") { PIMHello().encoded() }
        send(kind: "join") { try PIMJoinPrune.join(groups: groups, rp: rendezvousPoint, upstream: upstream).encoded() }
    }

    private func sendHeartbeats() {
        for group in state.withLock(\.publishers) { heartbeat(to: group) }
    }

    private func heartbeat(to group: IPv4Address) {
        guard let dzIP else { return }
        record("heartbeat") { () throws(SignalSocketError) in
            let socket = try state.withLock { state throws(SignalSocketError) -> SignalSocket in
                if let socket = state.heartbeat { return socket }
                let socket = try SignalSocket(
                    type: Int32(SOCK_DGRAM.rawValue), protocolNumber: 0, interface: interface, source: dzIP,
                    multicastTTL: Int32(MulticastHeartbeat.ttl), unicastTTL: Int32(MulticastHeartbeat.ttl),
                    label: "heartbeat on \(interface)")
                state.heartbeat = socket
                return socket
            }
            try socket.send(MulticastHeartbeat.payload, to: group, port: MulticastHeartbeat.port)
        }
    }

    private func sendRegisters() {
        guard let dzIP else { return }
        for group in state.withLock(\.publishers) {
            record("register") { () throws(SignalSocketError) in
                try pim.send(PIMRegister.heartbeat(source: dzIP, group: group).encoded(), to: rendezvousPoint)
            }
        }
    }

    /// Encodes and sends one PIM message to All-PIM-Routers (224.0.0.13).
    private func send(kind: String, _ encode: () throws -> [UInt8]) {
        let bytes: [UInt8]
        do {
            bytes = try encode()
        } catch {
            logger.error("cannot encode a PIM \(kind)", metadata: ["error": "\(error)"])
            return
        }
        record(kind) { () throws(SignalSocketError) in try pim.send(bytes, to: PIMWireFormat.allPIMRouters) }
    }

    /// Runs `send`, counting it, logging the first failure of `kind` and the recovery.
    private func record(_ kind: String, _ send: () throws(SignalSocketError) -> Void) {
        do {
            try send()
            let recovered = state.withLock { state -> Bool in
                state.sent[kind, default: 0] += 1
                return state.failing.remove(kind) != nil
            }
            if recovered { logger.info("multicast \(kind) sent again", metadata: ["tunnel": "\(interface)"]) }
        } catch {
            let first = state.withLock { $0.failing.insert(kind).inserted }
            if first {
                logger.warning(
                    "cannot send a multicast \(kind); retrying on the next tick",
                    metadata: ["tunnel": "\(interface)", "error": "\(error)"])
            }
        }
    }

    /// Runs `body` after `first`, then every `interval`, until cancelled.
    private func repeating(every interval: Duration, firstAfter first: Duration, _ body: () -> Void) async {
        if first > .zero {
            do { try await Task.sleep(for: first) } catch { return }
        }
        while !Task.isCancelled {
            body()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
