import BGPWire
import Models
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// An active-only eBGP speaker for one peer, as `doublezerod` runs one per user tunnel.
///
/// ``start()`` dials the peer (TCP 179), runs the session (``BGPSessionHandler``), and after
/// any failure reconnects with ``BGPSpeakerConfiguration/reconnectBackoff``. Prefixes given to
/// ``announce(_:)`` are announced in every session (ORIGIN IGP, AS_PATH `[localASN]`,
/// NEXT_HOP our address); ``withdraw(_:)`` withdraws them. Everything the peer sends and every
/// status change arrives on ``events``.
///
/// Sockets are created on the speaker's event loop thread (each connect is submitted to that
/// loop), so a caller that wants the speaker inside a network namespace can move that one
/// thread there with `setns(2)` before ``start()``; the tests do exactly that.
public final class BGPSpeaker: Sendable {
    /// The session's settings.
    public let configuration: BGPSpeakerConfiguration
    /// Status changes, received routes and closes, in order; finishes after ``stop()``.
    public let events: AsyncStream<BGPSpeakerEvent>

    private let eventLoop: any EventLoop
    private let continuation: AsyncStream<BGPSpeakerEvent>.Continuation
    private let state: NIOLockedValueBox<SpeakerState>

    private struct SpeakerState {
        var announced: [IPv4Prefix] = []
        var handler: BGPSessionHandler?
        var statusMachine: BGPSessionStatusMachine
        var stopped = false
        var loop: Task<Void, Never>?
        /// Whether the current connection reached Established.
        var established = false
    }

    /// Creates a stopped speaker whose sockets and timers live on one loop of `eventLoopGroup`.
    public init(configuration: BGPSpeakerConfiguration, eventLoopGroup: any EventLoopGroup) {
        self.configuration = configuration
        self.eventLoop = eventLoopGroup.next()
        (self.events, self.continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        let statusMachine = BGPSessionStatusMachine(timeout: .nanoseconds(configuration.sessionTimeout.nanoseconds))
        self.state = NIOLockedValueBox(SpeakerState(statusMachine: statusMachine))
    }

    /// The last reported status (nil before ``start()``).
    public var status: BGPSessionStatus? { state.withLockedValue { $0.statusMachine.status } }

    /// The prefixes announced in every session.
    public var announcedPrefixes: [IPv4Prefix] { state.withLockedValue { $0.announced } }

    /// Starts connecting; status becomes ``BGPSessionStatus/pending``. Calling it twice does nothing.
    public func start() {
        // `Pending` is reported before the connection task exists: reported after it, it could
        // land after a quick session's `Up` (seen against a local BIRD on a loaded machine) and
        // stay shown while the session is up.
        let deadlines = state.withLockedValue { state -> [NIODeadline]? in
            guard state.loop == nil, !state.stopped else { return nil }
            let deadlines = perform(state.statusMachine.start(now: .now()))
            state.loop = Task { [self] in await self.run() }
            return deadlines
        }
        for deadline in deadlines ?? [] { armTimer(deadline) }
    }

    /// Adds prefixes to announce; sent at once if the session is established.
    public func announce(_ prefixes: [IPv4Prefix]) {
        let fresh = state.withLockedValue { state -> (new: [IPv4Prefix], handler: BGPSessionHandler?) in
            var known = Set(state.announced)
            var new: [IPv4Prefix] = []
            for prefix in prefixes where known.insert(prefix).inserted { new.append(prefix) }
            state.announced += new
            return (new, state.handler)
        }
        guard !fresh.new.isEmpty, let handler = fresh.handler else { return }
        eventLoop.execute { handler.announce(fresh.new) }
    }

    /// Stops announcing prefixes; withdrawn at once if the session is established.
    public func withdraw(_ prefixes: [IPv4Prefix]) {
        let gone = state.withLockedValue { state -> (gone: [IPv4Prefix], handler: BGPSessionHandler?) in
            let remove = Set(prefixes)
            let gone = state.announced.filter { remove.contains($0) }
            state.announced.removeAll { remove.contains($0) }
            return (gone, state.handler)
        }
        guard !gone.gone.isEmpty, let handler = gone.handler else { return }
        eventLoop.execute { handler.withdraw(gone.gone) }
    }

    /// Closes the session (Cease 6/2 if open), stops reconnecting and finishes ``events``.
    public func stop() async {
        let (handler, loop) = state.withLockedValue { state in
            state.stopped = true
            _ = state.statusMachine.stop()
            return (state.handler, state.loop)
        }
        if let handler { eventLoop.execute { handler.stop() } }
        loop?.cancel()
        await loop?.value
        continuation.finish()
    }

    // MARK: Connection loop

    private func run() async {
        var failures = 0
        while !Task.isCancelled, !state.withLockedValue({ $0.stopped }) {
            let reason: BGPSessionCloseReason
            var connected = false
            var reachedEstablished = false
            do {
                let handler = try await connect()
                connected = true
                reason = try await handler.closed.get()
            } catch {
                reason = .connectFailed(String(describing: error))
            }
            reachedEstablished = state.withLockedValue { state in
                defer {
                    state.handler = nil
                    state.established = false
                }
                return state.established
            }
            emit(.sessionClosed(reason))
            updateStatus { $0.closed(connected: connected, now: .now()) }
            if reachedEstablished { failures = 0 }
            guard !state.withLockedValue({ $0.stopped }) else { break }
            failures += 1
            try? await Task.sleep(for: configuration.reconnectBackoff.delay(afterFailures: failures))
        }
    }

    /// Connects on the event loop thread with a fresh session handler, which from now on
    /// receives every ``announce(_:)`` and ``withdraw(_:)``.
    private func connect() async throws -> BGPSessionHandler {
        let configuration = self.configuration
        let bindAddress = try configuration.localAddress.map { try SocketAddress(ipAddress: $0.description, port: 0) }
        let peer = try SocketAddress(ipAddress: configuration.peerAddress.description, port: configuration.peerPort)
        let closePromise = eventLoop.makePromise(of: BGPSessionCloseReason.self)
        let handler = state.withLockedValue { state in
            let handler = BGPSessionHandler(
                configuration: configuration, announced: state.announced, closePromise: closePromise
            ) { [self] signal in self.receive(signal) }
            state.handler = handler
            return handler
        }
        let eventLoop = self.eventLoop
        let channel: any Channel
        do {
            // Submitted to the loop so that the socket is created on the loop's thread (see the type's doc).
            channel = try await eventLoop.flatSubmit {
                var bootstrap = ClientBootstrap(group: eventLoop)
                    .connectTimeout(.nanoseconds(configuration.connectTimeout.nanoseconds))
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(TCPQuickAckHandler())
                            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BGPFrameDecoder()))
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                    }
                if let bindAddress { bootstrap = bootstrap.bind(to: bindAddress) }
                return bootstrap.connect(to: peer)
            }.get()
        } catch {
            let description = String(describing: error)
            eventLoop.execute { handler.connectFailed(description) }
            throw error
        }
        if state.withLockedValue({ $0.stopped }) { eventLoop.execute { handler.stop() } }
        _ = channel  // the handler owns it from here; it closes it
        return handler
    }

    private func receive(_ signal: BGPSessionHandler.Signal) {
        switch signal {
        case .connected:
            updateStatus { $0.connected() }
        case .openReceived:
            updateStatus { $0.openReceived() }
        case .established(let peer, let holdTime):
            state.withLockedValue { $0.established = true }
            emit(.established(peer: peer, holdTime: holdTime))
            updateStatus { $0.established() }
        case .routesAnnounced(let prefixes, let attributes):
            emit(.routesAnnounced(prefixes, attributes))
        case .routesWithdrawn(let prefixes):
            emit(.routesWithdrawn(prefixes))
        }
    }

    // MARK: Status

    private func emit(_ event: BGPSpeakerEvent) {
        continuation.yield(event)
    }

    /// Runs one transition of the status machine under the lock, reports its statuses in
    /// order and arms the session timers it asks for on the event loop.
    private func updateStatus(
        _ transition: (inout BGPSessionStatusMachine) -> [BGPSessionStatusMachine.Action]
    ) {
        let deadlines = state.withLockedValue { state in perform(transition(&state.statusMachine)) }
        for deadline in deadlines { armTimer(deadline) }
    }

    /// Reports the statuses among `actions` in order (called under the lock, so reports keep the
    /// machine's order) and returns the timer deadlines it asks for.
    private func perform(_ actions: [BGPSessionStatusMachine.Action]) -> [NIODeadline] {
        var deadlines: [NIODeadline] = []
        for action in actions {
            switch action {
            case .report(let status): emit(.statusChanged(status))
            case .armTimer(let deadline): deadlines.append(deadline)
            }
        }
        return deadlines
    }

    /// Runs the status machine's session timer at `deadline` on the event loop.
    private func armTimer(_ deadline: NIODeadline) {
        eventLoop.scheduleTask(deadline: deadline) { [self] in updateStatus { $0.timerFired(now: .now()) } }
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating), for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : whole &+ attoseconds / 1_000_000_000
    }
}
