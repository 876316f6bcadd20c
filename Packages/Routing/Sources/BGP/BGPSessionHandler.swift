import BGPWire
import Models
import NIOCore

/// The RFC 4271 state machine for one TCP connection, from OpenSent to the close.
///
/// Connect, Active and Idle (retries) live in ``BGPSpeaker``; this handler starts when TCP is
/// up: it sends OPEN (OpenSent), checks the peer's OPEN and answers KEEPALIVE (OpenConfirm),
/// and on the peer's KEEPALIVE reaches Established, announces our prefixes and reports the
/// peer's UPDATEs, less the routes ``BGPImportFilter`` refuses (reported as withdrawn). Errors
/// in received messages are answered with their NOTIFICATION, then the connection closes.
/// ``closed`` completes once with the reason.
///
/// Every NOTIFICATION we send is followed by a FIN (write side shut down), not a plain close:
/// what the peer still sends is read and dropped until its FIN or ``drainTimeout``, and only
/// then is the socket closed. Closing with unread input makes the kernel send an RST, and a
/// peer that gets an RST may never read the NOTIFICATION.
///
/// All state is touched only on the channel's event loop (hence `@unchecked Sendable`: the
/// speaker hands it to that loop, never uses it elsewhere).
final class BGPSessionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = [UInt8]
    typealias OutboundOut = ByteBuffer

    /// What the handler tells the speaker, on the event loop.
    enum Signal {
        case connected
        case openReceived(BGPOpen)
        case established(peer: BGPOpen, holdTime: UInt16)
        case routesAnnounced([IPv4Prefix], BGPPathAttributes)
        case routesWithdrawn([IPv4Prefix])
    }

    enum State { case idle, openSent, openConfirm, established, closed }

    /// The hold time while waiting for the peer's OPEN (RFC 4271 §8: "4 minutes is suggested").
    static let openSentHoldTime = TimeAmount.minutes(4)
    /// How long after our NOTIFICATION and FIN we wait for the peer's FIN before closing anyway.
    static let drainTimeout = TimeAmount.seconds(2)

    let configuration: BGPSpeakerConfiguration
    let signal: @Sendable (Signal) -> Void
    private let closePromise: EventLoopPromise<BGPSessionCloseReason>
    /// Completes once, when the connection is gone, with why.
    var closed: EventLoopFuture<BGPSessionCloseReason> { closePromise.futureResult }

    private(set) var state = State.idle
    private var options = BGPCodecOptions.twoOctet
    private var context: ChannelHandlerContext?
    private var holdTime = TimeAmount.zero
    private var holdTimer: Scheduled<Void>?
    private var keepaliveTimer: RepeatedTask?
    /// Closes the socket if the peer has not closed its side within ``drainTimeout``.
    private var drainTimer: Scheduled<Void>?
    private var announced: [IPv4Prefix]
    /// Refuses received routes that loop through our AS or lead to our own prefixes.
    private var importFilter: BGPImportFilter
    private var closeReason: BGPSessionCloseReason?

    init(
        configuration: BGPSpeakerConfiguration, announced: [IPv4Prefix],
        closePromise: EventLoopPromise<BGPSessionCloseReason>,
        signal: @escaping @Sendable (Signal) -> Void
    ) {
        self.configuration = configuration
        self.announced = announced
        self.importFilter = BGPImportFilter(localASN: configuration.localASN, localPrefixes: Set(announced))
        self.closePromise = closePromise
        self.signal = signal
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        drainTimer?.cancel()
        finish(.connectionLost("closed by peer"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if state == .closed {
            // Draining after our NOTIFICATION: undecodable input is dropped like the rest
            // (the frame decoder reports every read after its first error).
            if error is BGPMessageError || error is ByteToMessageDecoderError { return }
            context.close(promise: nil)
        } else if let error = error as? BGPMessageError {
            fail(error)
        } else {
            finish(.connectionLost(String(describing: error)))
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state != .closed else { return }
        let frame = unwrapInboundIn(data)
        let message: BGPMessage
        do {
            message = try BGPMessageDecoder.decode(frame, options: options)
        } catch {
            fail(error)
            return
        }
        if holdTime > .zero { restartHoldTimer(holdTime) }
        switch (state, message) {
        case (_, .notification(let notification)):
            finish(.notificationReceived(notification))
            context.close(promise: nil)
        case (.openSent, .open(let open)):
            receiveOpen(open, context: context)
        case (.openConfirm, .keepalive):
            guard let peerOpen else { return }
            state = .established
            signal(.established(peer: peerOpen, holdTime: negotiatedHoldTime))
            sendAnnouncements(announced, context: context)
        case (.established, .keepalive):
            break
        case (.established, .update(let update)):
            // A refused announcement still implicitly withdraws the peer's previous route.
            let (accepted, refused) = importFilter.partition(update.announced, attributes: update.attributes)
            let withdrawn = update.withdrawn + refused
            if !withdrawn.isEmpty { signal(.routesWithdrawn(withdrawn)) }
            if !accepted.isEmpty { signal(.routesAnnounced(accepted, update.attributes)) }
        case (.openSent, _):
            sendAndClose(.finiteStateMachineError(subcode: 1), reason: "\(message.type) in OpenSent")
        case (.openConfirm, _):
            sendAndClose(.finiteStateMachineError(subcode: 2), reason: "\(message.type) in OpenConfirm")
        default:
            sendAndClose(.finiteStateMachineError(subcode: 3), reason: "\(message.type) in Established")
        }
    }

    // MARK: Commands from the speaker (on the event loop)

    /// Announces `prefixes` (if Established) and remembers them for the next Established.
    func announce(_ prefixes: [IPv4Prefix]) {
        announced.append(contentsOf: prefixes)
        importFilter.localPrefixes.formUnion(prefixes)
        if state == .established, let context { sendAnnouncements(prefixes, context: context) }
    }

    /// Withdraws `prefixes` (if Established) and forgets them.
    func withdraw(_ prefixes: [IPv4Prefix]) {
        let gone = Set(prefixes)
        announced.removeAll { gone.contains($0) }
        importFilter.localPrefixes.subtract(gone)
        guard state == .established, let context else { return }
        for update in BGPMessageEncoder.withdrawals(of: prefixes) {
            write(.update(update), context: context)
        }
        context.flush()
    }

    /// Completes ``closed`` when TCP never connected (the handler may not even be in a pipeline).
    func connectFailed(_ description: String) {
        finish(.connectFailed(description))
    }

    /// Sends Cease/administrative shutdown (if OPEN was sent) and closes.
    func stop() {
        switch state {
        case .closed:
            // Already over; a NOTIFICATION's drain closes the socket by itself.
            if drainTimer == nil { context?.close(promise: nil) }
        case .idle:
            finish(.stopped)
            context?.close(promise: nil)
        case .openSent, .openConfirm, .established:
            sendAndClose(.administrativeShutdown, reason: "stopped", closeReason: .stopped)
        }
    }

    // MARK: State machine

    private var peerOpen: BGPOpen?
    private var negotiatedHoldTime: UInt16 = 0

    private func start(context: ChannelHandlerContext) {
        guard state == .idle else {
            // Stopped before TCP came up: nothing to say, just hang up.
            if state == .closed { context.close(promise: nil) }
            return
        }
        state = .openSent
        signal(.connected)
        let open = BGPOpen(
            asn: configuration.localASN, holdTime: configuration.holdTime, identifier: configuration.routerID)
        write(.open(open), context: context)
        context.flush()
        restartHoldTimer(Self.openSentHoldTime)
    }

    private func receiveOpen(_ open: BGPOpen, context: ChannelHandlerContext) {
        guard open.asn == configuration.remoteASN else {
            sendAndClose(
                .badPeerAS(myAutonomousSystem: open.myAutonomousSystem),
                reason: "peer AS \(open.asn), expected \(configuration.remoteASN)")
            return
        }
        guard open.identifier != configuration.routerID || configuration.localASN != configuration.remoteASN else {
            sendAndClose(.badBGPIdentifier, reason: "peer BGP identifier \(open.identifier) equals ours")
            return
        }
        peerOpen = open
        options = BGPCodecOptions(fourOctetAS: open.fourOctetAS != nil)
        negotiatedHoldTime = min(configuration.holdTime, open.holdTime)
        signal(.openReceived(open))
        state = .openConfirm
        write(.keepalive, context: context)
        context.flush()
        holdTime = .seconds(Int64(negotiatedHoldTime))
        if negotiatedHoldTime > 0 {
            restartHoldTimer(holdTime)
            let interval = TimeAmount.nanoseconds(holdTime.nanoseconds / 3)
            keepaliveTimer = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) {
                [weak self] _ in
                guard let self, let context = self.context, self.state == .openConfirm || self.state == .established
                else { return }
                self.write(.keepalive, context: context)
                context.flush()
            }
        } else {
            holdTimer?.cancel()
        }
    }

    private func sendAnnouncements(_ prefixes: [IPv4Prefix], context: ChannelHandlerContext) {
        guard !prefixes.isEmpty else { return }
        var nextHop = configuration.nextHop
        if nextHop == nil, let local = context.channel.localAddress?.ipAddress { nextHop = IPv4Address(local) }
        let attributes = BGPPathAttributes(
            origin: .igp, asPath: [.sequence([configuration.localASN])], nextHop: nextHop,
            communities: configuration.communities.isEmpty ? nil : configuration.communities)
        do {
            for update in try BGPMessageEncoder.announcements(of: prefixes, attributes: attributes, options: options) {
                write(.update(update), context: context)
            }
        } catch {
            preconditionFailure("our own attributes always fit a message: \(error)")
        }
        context.flush()
    }

    private func restartHoldTimer(_ amount: TimeAmount) {
        holdTimer?.cancel()
        guard let context else { return }
        holdTimer = context.eventLoop.scheduleTask(in: amount) { [weak self] in
            guard let self, self.state != .closed else { return }
            self.sendAndClose(.holdTimerExpired, reason: "hold timer expired", closeReason: .holdTimerExpired)
        }
    }

    private func fail(_ error: BGPMessageError) {
        sendAndClose(error.notification, reason: error.description)
    }

    private func sendAndClose(
        _ notification: BGPNotification, reason: String, closeReason: BGPSessionCloseReason? = nil
    ) {
        guard state != .closed, let context else { return }
        finish(closeReason ?? .notificationSent(notification, reason: reason))
        write(.notification(notification), context: context)
        context.flush()
        closeAfterDraining(context: context)
    }

    /// Shuts the write side down once everything written is sent (the peer reads the
    /// NOTIFICATION, then a FIN), keeps reading (``channelRead(context:data:)`` drops it all once
    /// closed) until the peer's FIN closes the channel, and closes it anyway after
    /// ``drainTimeout``. If the half-close fails, closes at once.
    private func closeAfterDraining(context: ChannelHandlerContext) {
        let halfClosed = context.eventLoop.makePromise(of: Void.self)
        halfClosed.futureResult.whenFailure { [weak self] _ in self?.context?.close(promise: nil) }
        context.close(mode: .output, promise: halfClosed)
        drainTimer = context.eventLoop.scheduleTask(in: Self.drainTimeout) { [weak self] in
            self?.context?.close(promise: nil)
        }
    }

    private func write(_ message: BGPMessage, context: ChannelHandlerContext) {
        do {
            let bytes = try BGPMessageEncoder.encode(message, options: options)
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        } catch {
            preconditionFailure("messages we build always encode: \(error)")
        }
    }

    /// Marks the session closed with its first reason and stops the timers.
    private func finish(_ reason: BGPSessionCloseReason) {
        guard closeReason == nil else { return }
        closeReason = reason
        state = .closed
        holdTimer?.cancel()
        keepaliveTimer?.cancel()
        closePromise.succeed(reason)
    }
}
