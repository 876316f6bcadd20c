import BGP
import BGPWire
import Models
import NIOPosix
import Testing

/// The session state machine against a scripted peer on loopback: what BIRD cannot be made to
/// send. Every malformed message must be answered with its NOTIFICATION and a close, and the
/// speaker must reconnect.
@Suite("BGP session state machine (scripted peer on 127.0.0.1)")
struct BGPSessionTests {
    static let peerASN: UInt32 = 65342
    /// The peer's OPEN: hold time 30 s, so a loaded test machine never trips the hold timer by
    /// accident (the keepalive test negotiates the devices' 3 s with ``deviceOpen``).
    static let peerOpen = BGPOpen(asn: peerASN, holdTime: 30, identifier: IPv4Address(10, 0, 0, 1))
    /// The OPEN of a real device: hold time 3 s (1 s keepalives).
    static let deviceOpen = BGPOpen(asn: peerASN, holdTime: 3, identifier: IPv4Address(10, 0, 0, 1))

    /// A speaker dialing `peer`, with quick reconnects.
    static func speaker(_ peer: ScriptedBGPPeer, group: MultiThreadedEventLoopGroup) -> BGPSpeaker {
        BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: peerASN, peerAddress: IPv4Address(127, 0, 0, 1), peerPort: peer.port,
                nextHop: IPv4Address(169, 254, 0, 1),
                reconnectBackoff: ReconnectBackoff(
                    initial: .milliseconds(100), maximum: .milliseconds(200), jitter: .none)),
            eventLoopGroup: group)
    }

    /// Runs `body` with a started speaker and a peer that has accepted its first connection.
    static func withSession(
        announce: [IPv4Prefix] = [],
        _ body: (ScriptedBGPPeer, BGPSpeaker, EventRecorder<BGPSpeakerEvent>) async throws -> Void
    ) async throws {
        let peer = try await ScriptedBGPPeer()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let speaker = speaker(peer, group: group)
        let events = EventRecorder(speaker.events)
        speaker.announce(announce)
        speaker.start()
        do {
            let connected = await eventually(within: .seconds(20)) {
                peer.connectionCount == 1 && !peer.received(on: 0).isEmpty
            }
            try #require(connected, "the speaker never connected")
            try await body(peer, speaker, events)
        } catch {
            await speaker.stop()
            await peer.shutdown()
            try? await group.shutdownGracefully()
            throw error
        }
        await speaker.stop()
        await peer.shutdown()
        try? await group.shutdownGracefully()
    }

    /// Brings the session to Established from the peer's side.
    static func establish(
        _ peer: ScriptedBGPPeer, _ events: EventRecorder<BGPSpeakerEvent>, open: BGPOpen = peerOpen
    ) async throws {
        try await peer.send(.open(open))
        try await peer.send(.keepalive)
        let up = await events.first(within: .seconds(20)) { $0 == .statusChanged(.up) }
        try #require(up != nil, "not Established: \(events.all)")
    }

    /// Waits for the speaker to close with `notification` sent, and checks the peer saw it.
    static func expectNotification(
        _ notification: BGPNotification, _ peer: ScriptedBGPPeer, _ events: EventRecorder<BGPSpeakerEvent>
    ) async {
        let closed = await events.first(within: .seconds(20)) { event in
            if case .sessionClosed(.notificationSent(let sent, _)) = event { return sent == notification }
            return false
        }
        #expect(closed != nil, "events: \(events.all)")
        let seen = await eventually(within: .seconds(20)) { peer.received(on: 0).last == .notification(notification) }
        #expect(seen, "peer received: \(peer.received(on: 0))")
        #expect(await eventually(within: .seconds(20)) { peer.closedCount >= 1 }, "connection not closed")
    }

    @Test(
        "our OPEN: version 4, AS 65000, hold 90, router ID 1.1.1.1, MP IPv4 unicast and 4-octet AS; then KEEPALIVE, announcement, keepalives every hold/3"
    )
    func openAndAnnouncement() async throws {
        try await Self.withSession(announce: ["147.51.126.1/32"]) { peer, speaker, events in
            #expect(
                peer.received(on: 0).first
                    == .open(BGPOpen(asn: 65000, holdTime: 90, identifier: IPv4Address(1, 1, 1, 1))))
            try await Self.establish(peer, events, open: Self.deviceOpen)
            let announced = await eventually(within: .seconds(10)) {
                peer.received(on: 0).contains { if case .update = $0 { true } else { false } }
            }
            #expect(announced)
            let expected = BGPUpdate(
                attributes: BGPPathAttributes(
                    origin: .igp, asPath: [.sequence([65000])], nextHop: IPv4Address(169, 254, 0, 1)),
                announced: ["147.51.126.1/32"])
            // After the OPEN: our KEEPALIVE, then the announcement as the first UPDATE (periodic
            // keepalives may come in between on a loaded machine, nothing else may).
            let afterOpen = Array(peer.received(on: 0).dropFirst())
            #expect(afterOpen.first == .keepalive)
            #expect(afterOpen.first { $0 != .keepalive } == .update(expected), "after the OPEN: \(afterOpen)")
            // Hold 3 s negotiated -> a keepalive about every second (at least 2 in 2.2 s).
            let before = peer.received(on: 0).filter { $0 == .keepalive }.count
            // The peer keeps the 3 s hold timer fed while we count.
            for _ in 0..<4 {
                try await peer.send(.keepalive)
                try await Task.sleep(for: .milliseconds(550))
            }
            let after = peer.received(on: 0).filter { $0 == .keepalive }.count
            #expect(after - before >= 2, "keepalives in 2.2 s: \(after - before)")
            // Withdraw and announce while established.
            speaker.withdraw(["147.51.126.1/32"])
            #expect(
                await eventually(within: .seconds(10)) {
                    peer.received(on: 0).contains(.update(BGPUpdate(withdrawn: ["147.51.126.1/32"])))
                })
        }
    }

    @Test("a malformed UPDATE (ORIGIN 3) is answered with 3/6 carrying the attribute; the speaker reconnects")
    func malformedUpdate() async throws {
        try await Self.withSession { peer, _, events in
            try await Self.establish(peer, events)
            let bad = BGPTestBytes.attribute(0x40, 1, [3])
            try await peer.send(BGPTestBytes.update(attributes: bad + BGPTestBytes.asPath + BGPTestBytes.nextHop))
            await Self.expectNotification(.invalidOriginAttribute(bad), peer, events)
            #expect(await events.first(within: .seconds(2)) { $0 == .statusChanged(.down) } != nil)
            #expect(await eventually(within: .seconds(3)) { peer.connectionCount >= 2 }, "no reconnect")
        }
    }

    @Test("a bad marker is answered with 1/1")
    func badMarker() async throws {
        try await Self.withSession { peer, _, events in
            try await Self.establish(peer, events)
            var keepalive = BGPTestBytes.message(type: 4, body: [])
            keepalive[0] = 0
            try await peer.send(keepalive)
            await Self.expectNotification(.connectionNotSynchronized, peer, events)
        }
    }

    @Test("an oversized length is answered with 1/2 as soon as the header arrives")
    func oversizedLength() async throws {
        try await Self.withSession { peer, _, events in
            try await Self.establish(peer, events)
            try await peer.send(Array(BGPTestBytes.message(type: 2, body: [], length: 5000)))
            await Self.expectNotification(.badMessageLength(5000), peer, events)
        }
    }

    @Test("an UPDATE before OPEN is a state machine error 5/1")
    func updateInOpenSent() async throws {
        try await Self.withSession { peer, _, events in
            try await peer.send(.update(BGPUpdate()))
            await Self.expectNotification(.finiteStateMachineError(subcode: 1), peer, events)
        }
    }

    @Test("an UPDATE in OpenConfirm is 5/2; a second OPEN when Established is 5/3")
    func wrongStates() async throws {
        try await Self.withSession { peer, _, events in
            try await peer.send(.open(Self.peerOpen))
            _ = await events.first(within: .seconds(2)) { $0 == .statusChanged(.initializing) }
            try await peer.send(.update(BGPUpdate()))
            await Self.expectNotification(.finiteStateMachineError(subcode: 2), peer, events)
        }
        try await Self.withSession { peer, _, events in
            try await Self.establish(peer, events)
            try await peer.send(.open(Self.peerOpen))
            await Self.expectNotification(.finiteStateMachineError(subcode: 3), peer, events)
        }
    }

    @Test("an OPEN with hold time 1 is answered with 2/6")
    func badHoldTime() async throws {
        try await Self.withSession { peer, _, events in
            try await peer.send(BGPTestBytes.message(type: 1, body: BGPTestBytes.openBody(myAS: 65342, holdTime: 1)))
            await Self.expectNotification(.unacceptableHoldTime, peer, events)
        }
    }

    @Test("a NOTIFICATION from the peer closes the session with that reason")
    func peerNotification() async throws {
        try await Self.withSession { peer, _, events in
            try await Self.establish(peer, events)
            try await peer.send(.notification(.administrativeShutdown))
            let closed = await events.first(within: .seconds(20)) {
                $0 == .sessionClosed(.notificationReceived(.administrativeShutdown))
            }
            #expect(closed != nil, "events: \(events.all)")
        }
    }

    @Test(
        "a route whose AS_PATH holds our AS, or to our own prefix, is reported withdrawn, never announced; the session stays up"
    )
    func loopedAndOwnRoutes() async throws {
        try await Self.withSession(announce: ["147.51.126.1/32"]) { peer, speaker, events in
            try await Self.establish(peer, events)
            let device = IPv4Address(169, 254, 0, 0)
            let echoed = BGPPathAttributes(origin: .igp, asPath: [.sequence([65342, 65000])], nextHop: device)
            let direct = BGPPathAttributes(origin: .igp, asPath: [.sequence([65342])], nextHop: device)
            try await peer.send(.update(BGPUpdate(attributes: echoed, announced: ["147.51.126.1/32", "10.9.0.0/16"])))
            try await peer.send(
                .update(BGPUpdate(attributes: direct, announced: ["147.51.126.1/32", "147.51.126.2/32"])))
            try await peer.send(.update(BGPUpdate(withdrawn: ["147.51.126.2/32"])))
            let last = await events.first(within: .seconds(20)) { $0 == .routesWithdrawn(["147.51.126.2/32"]) }
            #expect(last != nil, "events: \(events.all)")
            let routes = events.all.filter {
                if case .routesAnnounced = $0 { true } else if case .routesWithdrawn = $0 { true } else { false }
            }
            #expect(
                routes == [
                    .routesWithdrawn(["147.51.126.1/32", "10.9.0.0/16"]),
                    .routesWithdrawn(["147.51.126.1/32"]),
                    .routesAnnounced(["147.51.126.2/32"], direct),
                    .routesWithdrawn(["147.51.126.2/32"]),
                ])
            #expect(speaker.status == .up)
            #expect(!events.all.contains { if case .sessionClosed = $0 { true } else { false } })
        }
    }

    @Test(
        "a peer refusing at OPEN every time: BGP Session Failed after the session timeout, and it stays over the next attempts"
    )
    func failedStays() async throws {
        // The peer's OPEN carries the wrong AS on every connection, so each attempt ends in 2/2.
        let wrongAS = BGPOpen(asn: 64999, holdTime: 30, identifier: IPv4Address(10, 0, 0, 1))
        let peer = try await ScriptedBGPPeer(greeting: .open(wrongAS))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: Self.peerASN, peerAddress: IPv4Address(127, 0, 0, 1), peerPort: peer.port,
                reconnectBackoff: ReconnectBackoff(
                    initial: .milliseconds(50), maximum: .milliseconds(100), jitter: .none),
                sessionTimeout: .milliseconds(400)),
            eventLoopGroup: group)
        let events = EventRecorder(speaker.events)
        speaker.start()
        let failed = await events.first(within: .seconds(20)) { $0 == .statusChanged(.failed) }
        #expect(failed != nil, "events: \(events.all)")
        if let failed {
            // At least three more refused attempts (and more than one renewed timeout) later...
            let refusals = await eventually(within: .seconds(20)) {
                events.all[failed.index...].filter { event in
                    if case .sessionClosed(.notificationSent(let sent, _)) = event {
                        return sent == .badPeerAS(myAutonomousSystem: 64999)
                    }
                    return false
                }.count >= 3
            }
            #expect(refusals, "events: \(events.all)")
            try await Task.sleep(for: .milliseconds(500))
            // ...no Pending, Initializing or Down was reported over it.
            let statuses = events.all[failed.index...].filter { if case .statusChanged = $0 { true } else { false } }
            #expect(statuses == [.statusChanged(.failed)], "events: \(events.all)")
            #expect(speaker.status == .failed)
        }
        let before = events.all.prefix(failed?.index ?? 0).filter {
            if case .statusChanged = $0 { true } else { false }
        }
        // Pending first; then Down after the first refusal, unless (on a loaded machine) the 400 ms
        // timeout ran out before the first attempt was refused — or before its TCP connection was
        // even made, which client.md §2.9 reports as Network Unreachable.
        #expect(before.first == .statusChanged(.pending), "events: \(events.all)")
        #expect(
            before.allSatisfy {
                $0 == .statusChanged(.pending) || $0 == .statusChanged(.down)
                    || $0 == .statusChanged(.networkUnreachable)
            }, "events: \(events.all)")
        await speaker.stop()
        await peer.shutdown()
        try? await group.shutdownGracefully()
    }

    @Test(
        "after a NOTIFICATION the peer reads it and then a FIN, not an RST, although it sent more than we read"
    )
    func notificationThenFIN() async throws {
        let peer = try RawTCPPeer()
        defer { peer.close() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: Self.peerASN, peerAddress: IPv4Address(127, 0, 0, 1), peerPort: peer.port,
                reconnectBackoff: ReconnectBackoff(initial: .seconds(30), maximum: .seconds(30), jitter: .none)),
            eventLoopGroup: group)
        let events = EventRecorder(speaker.events)
        speaker.start()
        let (received, end) = try await RawTCPPeer.onThread { () throws -> ([UInt8], RawTCPPeer.End?) in
            let connection = try peer.accept(timeout: .seconds(20))
            defer { close(connection) }
            let open = RawTCPPeer.read(from: connection, timeout: .seconds(20)) { $0.count >= 19 }
            guard open.end == nil,
                let length = try? BGPMessageDecoder.messageLength(header: Array(open.bytes.prefix(19)))
            else { throw LiveTestError(description: "no OPEN from the speaker: \(open)") }
            _ = RawTCPPeer.read(from: connection, timeout: .seconds(20)) { open.bytes.count + $0.count >= length }
            // A KEEPALIVE in OpenSent (5/1), and right behind it 32 KiB more that the speaker
            // has not read when it decides to close.
            let keepalive = BGPTestBytes.message(type: 4, body: [])
            let burst = Array([[UInt8]](repeating: keepalive, count: 1 + 32 * 1024 / 19).joined())
            if let code = RawTCPPeer.send(burst, on: connection) {
                throw LiveTestError(description: "send failed: errno \(code)")
            }
            // Everything until the input ends: the NOTIFICATION, then FIN or RST.
            let rest = RawTCPPeer.read(from: connection, timeout: .seconds(20))
            return (rest.bytes, rest.end)
        }
        #expect(
            received
                == (try BGPMessageEncoder.encode(
                    .notification(.finiteStateMachineError(subcode: 1)), options: .fourOctet)),
            "the NOTIFICATION and nothing else: \(received)")
        #expect(end == .endOfFile, "the speaker's side ended with \(end.map(String.init(describing:)) ?? "nothing")")
        let closed = await events.first(within: .seconds(20)) { event in
            if case .sessionClosed(.notificationSent(let sent, _)) = event {
                return sent == .finiteStateMachineError(subcode: 1)
            }
            return false
        }
        #expect(closed != nil, "events: \(events.all)")
        await speaker.stop()
        try? await group.shutdownGracefully()
    }

    @Test("received routes and withdrawals become events in order")
    func receivedRoutes() async throws {
        try await Self.withSession { peer, _, events in
            try await Self.establish(peer, events)
            let attributes = BGPPathAttributes(
                origin: .igp, asPath: [.sequence([65342])], nextHop: IPv4Address(169, 254, 0, 0),
                communities: [.allUsers])
            try await peer.send(
                .update(BGPUpdate(attributes: attributes, announced: ["147.51.126.5/32", "147.51.126.6/32"])))
            try await peer.send(.update(BGPUpdate(withdrawn: ["147.51.126.5/32"])))
            let withdrawn = await events.first(within: .seconds(2)) { $0 == .routesWithdrawn(["147.51.126.5/32"]) }
            #expect(withdrawn != nil)
            let routes = events.all.filter {
                if case .routesAnnounced = $0 { true } else if case .routesWithdrawn = $0 { true } else { false }
            }
            #expect(
                routes == [
                    .routesAnnounced(["147.51.126.5/32", "147.51.126.6/32"], attributes),
                    .routesWithdrawn(["147.51.126.5/32"]),
                ])
        }
    }
}
