import BGP
import BGPWire
import Foundation
import Models
import NIOPosix
import Routing
import Testing

/// The BGP speaker against BIRD 2 as the device, in two network namespaces joined by a veth
/// pair (169.254.0.1 us, 169.254.0.0 BIRD). The speaker's event loop thread is moved into the
/// user namespace with setns before any socket exists (see ``makeEventLoopGroup(inNamespace:)``),
/// so no test traffic touches the root namespace. Needs root and Debian `bird2`; without them
/// the tests fail with a message saying so.
@Suite("BGP speaker against BIRD 2 (live, root)", .serialized)
struct BIRDLiveTests {
    static let deviceASN: UInt32 = 65342
    static let userPrefix: IPv4Prefix = "147.51.126.1/32"

    /// A device-like BIRD: passive, timers 1/3, exports two static groups tagged with communities.
    /// With `echoing`, it also sends our own /32 and 147.51.126.9/32 back with AS_PATH
    /// `[65342 65000]` (a static route with our AS prepended, then BIRD's own).
    static func deviceConfig(
        _ network: OverlayNetwork, localASN: UInt32 = deviceASN, peerASN: UInt32 = 65000, echoing: Bool = false
    ) -> String {
        let echo =
            echoing
            ? """
            protocol static echoed {
                ipv4;
                route \(userPrefix) blackhole;
                route 147.51.126.9/32 blackhole;
            }
            """ : ""
        return """
            log stderr all;
            router id \(network.deviceAddress);
            protocol device { scan time 1; }
            protocol static users {
                ipv4;
                route 147.51.126.2/32 blackhole;
                route 147.51.126.3/32 blackhole;
            }
            protocol static others {
                ipv4;
                route 10.20.0.0/16 blackhole;
            }
            \(echo)
            protocol bgp dz_user {
                local \(network.deviceAddress) as \(localASN);
                neighbor \(network.userAddress) as \(peerASN);
                passive on;
                hold time 3;
                keepalive time 1;
                ipv4 {
                    import all;
                    export filter {
                        if proto = "users" then bgp_community.add((21682, 1200));
                        if proto = "users" then bgp_community.add((21682, 10001));
                        if proto = "echoed" then bgp_path.prepend(65000);
                        accept;
                    };
                };
            }
            """
    }

    func makeSpeaker(_ network: OverlayNetwork, group: MultiThreadedEventLoopGroup) -> BGPSpeaker {
        BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: Self.deviceASN, peerAddress: IPv4Address(network.deviceAddress)!,
                localAddress: IPv4Address(network.userAddress)!,
                reconnectBackoff: ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(1), jitter: .none)),
            eventLoopGroup: group)
    }

    static func isUp(_ event: BGPSpeakerEvent) -> Bool { event == .statusChanged(.up) }

    /// The overlay network with BIRD started as the device (``deviceConfig(_:peerASN:)``) and a
    /// one-thread event loop group in the user namespace; ``remove()`` tears all three down.
    struct DevicePeering {
        let network: OverlayNetwork
        let bird: BIRDDaemon
        let group: MultiThreadedEventLoopGroup

        /// Checks the live-test requirements, then builds the network, starts BIRD with `config`
        /// (``deviceConfig(_:localASN:peerASN:echoing:)`` by default) and makes the group;
        /// whatever was built is removed again if a later step throws.
        static func start(
            config: (OverlayNetwork) -> String = { BIRDLiveTests.deviceConfig($0) }
        ) async throws -> DevicePeering {
            try LiveTestRequirements.check()
            let network = try OverlayNetwork()
            do {
                let bird = try BIRDDaemon(namespace: network.device, config: config(network))
                do {
                    try bird.start()
                    let group = try await makeEventLoopGroup(inNamespace: network.user)
                    return DevicePeering(network: network, bird: bird, group: group)
                } catch {
                    bird.remove()
                    throw error
                }
            } catch {
                network.remove()
                throw error
            }
        }

        /// Shuts the group down (in the background), then removes BIRD and the namespaces.
        func remove() {
            let group = group
            Task { try? await group.shutdownGracefully() }
            bird.remove()
            network.remove()
        }
    }

    @Test(
        "establishes; our /32 reaches BIRD with our attributes; BIRD's routes arrive with communities; withdrawals arrive both ways"
    )
    func establishAndExchange() async throws {
        let peering = try await DevicePeering.start()
        defer { peering.remove() }
        let (network, bird, group) = (peering.network, peering.bird, peering.group)
        let speaker = makeSpeaker(network, group: group)
        let events = EventRecorder(speaker.events)
        speaker.announce([Self.userPrefix])
        speaker.start()

        let up = await events.first(within: .seconds(10), where: Self.isUp)
        try #require(up != nil, "no Established; events: \(events.all)")
        #expect(speaker.status == .up)
        #expect(
            Array(events.all.prefix(3)) == [.statusChanged(.pending), .statusChanged(.initializing), events.all[2]])
        let established = events.all.compactMap { event -> UInt16? in
            if case .established(let peer, let holdTime) = event, peer.asn == Self.deviceASN { return holdTime }
            return nil
        }
        #expect(established == [3], "negotiated hold time is the device's 3 s")

        // Our announcement in BIRD: origin IGP, AS path 65000, next hop our overlay address.
        var route = ""
        let arrived = await eventually(within: .seconds(5)) {
            route = try bird.command("show", "route", "all", "for", "147.51.126.1/32", "protocol", "dz_user")
            return route.contains("147.51.126.1/32")
        }
        #expect(arrived, "BIRD route table: \(route)")
        #expect(route.contains("BGP.origin: IGP"), "\(route)")
        #expect(route.contains("BGP.as_path: 65000"), "\(route)")
        #expect(route.contains("BGP.next_hop: 169.254.0.1"), "\(route)")

        // BIRD's exports arrive with communities and BIRD's address as next hop.
        var learned: [IPv4Prefix: BGPPathAttributes] = [:]
        let allLearned = await eventually(within: .seconds(5)) {
            learned = [:]
            for case .routesAnnounced(let prefixes, let attributes) in events.all {
                for prefix in prefixes { learned[prefix] = attributes }
            }
            return learned.count == 3
        }
        #expect(allLearned, "learned \(learned)")
        let user = learned["147.51.126.2/32"]
        #expect(user?.communities == [BGPCommunity.allUsers, BGPCommunity(asn: 21682, value: 10001)])
        #expect(user?.nextHop == IPv4Address(network.deviceAddress))
        #expect(user?.origin == .igp)
        #expect(user?.asNumbers == [Self.deviceASN])
        #expect(learned["10.20.0.0/16"]?.communities == nil)

        // The adapter turns them into main-table proto-186 routes via the device, src our DZ IP.
        var table = BGPKernelRouteTable(policy: .init(source: Self.userPrefix.address))
        for event in events.all { _ = table.apply(event) }
        #expect(
            table.routes["147.51.126.3/32"]
                == DesiredKernelRoute(
                    destination: "147.51.126.3/32", gateway: IPv4Address(network.deviceAddress)!,
                    source: Self.userPrefix.address, table: 254, routeProtocol: 186))

        // BIRD withdraws (its static protocol goes down) -> withdrawals arrive.
        let mark = events.all.count
        _ = try bird.command("disable", "users")
        let withdrawn = await events.first(after: mark, within: .seconds(5)) { event in
            if case .routesWithdrawn(let prefixes) = event {
                return Set(prefixes) == ["147.51.126.2/32", "147.51.126.3/32"]
            }
            return false
        }
        #expect(withdrawn != nil, "events after disable: \(events.all[mark...])")
        if let withdrawn { _ = table.apply(withdrawn.element) }
        #expect(table.routes.keys.sorted { $0.description < $1.description } == ["10.20.0.0/16"])

        // We withdraw -> the route leaves BIRD.
        speaker.withdraw([Self.userPrefix])
        var after = ""
        let gone = await eventually(within: .seconds(5)) {
            after = try bird.command("show", "route", "for", "147.51.126.1/32", "protocol", "dz_user")
            return !after.contains("147.51.126.1/32")
        }
        #expect(gone, "BIRD still has: \(after)")
        #expect(speaker.announcedPrefixes.isEmpty)

        await speaker.stop()
        let stopped = await events.first(within: .seconds(2)) { $0 == .sessionClosed(.stopped) }
        #expect(stopped != nil, "events: \(events.all)")
        var birdSide = ""
        let ceaseSeen = await eventually(within: .seconds(5)) {
            birdSide = try bird.command("show", "protocols", "all", "dz_user")
            return birdSide.contains("Received: Administrative shutdown")
        }
        #expect(ceaseSeen, "BIRD: \(birdSide)")
    }

    @Test(
        "BIRD sending our /32 back with AS_PATH [65342 65000]: refused, so the kernel gets no route to our DZ IP via the device"
    )
    func echoedOwnPrefix() async throws {
        let peering = try await DevicePeering.start { BIRDLiveTests.deviceConfig($0, echoing: true) }
        defer { peering.remove() }
        let (network, bird, group) = (peering.network, peering.bird, peering.group)
        // The DZ IP is a local address of the user namespace, as on a host (route `src` needs it).
        try runCommand(["ip", "-n", network.user, "addr", "add", "\(Self.userPrefix)", "dev", "lo"])
        let speaker = makeSpeaker(network, group: group)
        let events = EventRecorder(speaker.events)
        speaker.announce([Self.userPrefix])
        speaker.start()
        let up = await events.first(within: .seconds(10), where: Self.isUp)
        try #require(up != nil, "no Established; events: \(events.all)")

        // BIRD really sends the echo: its export of our prefix has the looping path.
        var exported = ""
        let echoing = await eventually(within: .seconds(5)) {
            exported = try bird.command("show", "route", "export", "dz_user", "all", "for", "\(Self.userPrefix)")
            return exported.contains("BGP.as_path: 65000")
        }
        #expect(echoing, "BIRD exports: \(exported)")

        // Wait until every prefix BIRD sends has been dealt with (announced or refused).
        let sent: Set<IPv4Prefix> = [
            Self.userPrefix, "147.51.126.9/32", "147.51.126.2/32", "147.51.126.3/32", "10.20.0.0/16",
        ]
        let allSeen = await eventually(within: .seconds(5)) {
            var seen: Set<IPv4Prefix> = []
            for event in events.all {
                switch event {
                case .routesAnnounced(let prefixes, _), .routesWithdrawn(let prefixes): seen.formUnion(prefixes)
                default: break
                }
            }
            return seen.isSuperset(of: sent)
        }
        #expect(allSeen, "events: \(events.all)")
        let announced = Set(
            events.all.flatMap { event -> [IPv4Prefix] in
                if case .routesAnnounced(let prefixes, _) = event { return prefixes }
                return []
            })
        #expect(announced == ["147.51.126.2/32", "147.51.126.3/32", "10.20.0.0/16"], "events: \(events.all)")

        // Into the namespace's kernel through the adapter, as the daemon does.
        var table = BGPKernelRouteTable(policy: .init(source: Self.userPrefix.address))
        for event in events.all {
            for change in table.apply(event) { try NamespaceRoutes.apply(change, in: network.user) }
        }
        let kernel = try NamespaceRoutes.destinations(in: network.user)
        #expect(kernel.sorted() == ["10.20.0.0/16", "147.51.126.2", "147.51.126.3"], "kernel: \(kernel)")
        let lookup = try runCommand(["ip", "-n", network.user, "route", "get", "147.51.126.1"])
        #expect(lookup.hasPrefix("local 147.51.126.1"), "our DZ IP must stay local: \(lookup)")

        // Nothing was reset over it.
        #expect(speaker.status == .up)
        #expect(!events.all.contains { if case .sessionClosed = $0 { true } else { false } })
        await speaker.stop()
    }

    @Test(
        "stopped in the middle of BIRD's table transfer: our Cease is followed by a FIN, BIRD reads it, no RST leaves our namespace"
    )
    func ceaseDuringTransfer() async throws {
        // 100,000 routes take BIRD far longer to send than it takes us to see Established and stop
        // (20,000 were sometimes all sent first on a loaded 2-core machine).
        let bulk = (0..<100_000).map { "    route \(10 + $0 / 65_536).\($0 / 256 % 256).\($0 % 256).0/24 blackhole;" }
        let peering = try await DevicePeering.start { network in
            BIRDLiveTests.deviceConfig(network) + "\nprotocol static bulk {\n    ipv4;\n"
                + bulk.joined(separator: "\n") + "\n}\n"
        }
        defer { peering.remove() }
        let (network, bird, group) = (peering.network, peering.bird, peering.group)
        let speaker = makeSpeaker(network, group: group)
        // Stopped the moment Established is seen, from the task that reads the events, so the
        // table transfer that follows is still under way however loaded the machine is.
        let events = EventRecorder(speaker.events) { event in
            if Self.isUp(event) { await speaker.stop() }
        }
        speaker.start()
        let up = await events.first(within: .seconds(10), where: Self.isUp)
        try #require(up != nil, "no Established; events: \(events.all)")
        await speaker.stop()

        var birdSide = ""
        let ceaseSeen = await eventually(within: .seconds(5)) {
            birdSide = try bird.command("show", "protocols", "all", "dz_user")
            return birdSide.contains("Received: Administrative shutdown")
        }
        #expect(ceaseSeen, "BIRD: \(birdSide)\nlog: \(bird.log)")
        #expect(bird.log.contains("dz_user: Received: Administrative shutdown"), "log: \(bird.log)")
        let received = events.all.reduce(0) { count, event in
            if case .routesAnnounced(let prefixes, _) = event { return count + prefixes.count }
            return count
        }
        #expect(received < bulk.count, "the transfer was over before the stop, so nothing was left unread")
        // Once BIRD has closed its side we close ours with nothing unread: no RST was ever sent.
        try await Task.sleep(for: .milliseconds(500))
        let counters = try tcpCounters(
            in: network.user, ["TcpOutRsts", "TcpExtTCPAbortOnData", "TcpExtTCPAbortOnClose"])
        #expect(counters == ["TcpOutRsts": 0, "TcpExtTCPAbortOnData": 0, "TcpExtTCPAbortOnClose": 0])
    }

    @Test(
        "stopping BIRD (SIGSTOP) expires the hold timer within 3 s; a restarted BIRD re-establishes within a few seconds"
    )
    func holdTimerAndReconnect() async throws {
        let peering = try await DevicePeering.start()
        defer { peering.remove() }
        let (network, bird, group) = (peering.network, peering.bird, peering.group)
        let speaker = makeSpeaker(network, group: group)
        let events = EventRecorder(speaker.events)
        speaker.start()
        let up = await events.first(within: .seconds(10), where: Self.isUp)
        try #require(up != nil, "no Established; events: \(events.all)")
        // Let a keepalive or two pass so the session is steady.
        try await Task.sleep(for: .milliseconds(1500))

        let stoppedAt = ContinuousClock.now
        let mark = events.all.count
        bird.signal(SIGSTOP)
        let expired = await events.first(after: mark, within: .seconds(6)) { $0 == .sessionClosed(.holdTimerExpired) }
        let detection = ContinuousClock.now - stoppedAt
        #expect(expired != nil, "events: \(events.all[mark...])")
        #expect(detection <= .milliseconds(3200), "hold timer expiry detected after \(detection)")
        #expect(await events.first(after: mark, within: .seconds(1)) { $0 == .statusChanged(.down) } != nil)

        // Restart BIRD: kill the stopped one, start it again; the speaker reconnects by itself.
        bird.kill9()
        let restartedAt = ContinuousClock.now
        let mark2 = events.all.count
        try bird.start()
        let again = await events.first(after: mark2, within: .seconds(10), where: Self.isUp)
        let reconnect = ContinuousClock.now - restartedAt
        #expect(again != nil, "events: \(events.all[mark2...])")
        #expect(reconnect <= .seconds(4), "re-established after \(reconnect)")
        print(
            "BIRD live: hold-timer expiry detected \(detection) after SIGSTOP; re-established \(reconnect) after restart"
        )
        await speaker.stop()
    }

    @Test(
        "a peer with the wrong AS gets OPEN error 2/2; BGP Session Failed after the session timeout stays over the retries until BIRD is fixed"
    )
    func wrongPeerAS() async throws {
        let peering = try await DevicePeering.start()
        defer { peering.remove() }
        let (network, bird, group) = (peering.network, peering.bird, peering.group)
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: 64999, peerAddress: IPv4Address(network.deviceAddress)!,
                localAddress: IPv4Address(network.userAddress)!,
                reconnectBackoff: ReconnectBackoff(
                    initial: .milliseconds(200), maximum: .milliseconds(300), jitter: .none),
                sessionTimeout: .seconds(1)),
            eventLoopGroup: group)
        let events = EventRecorder(speaker.events)
        speaker.start()
        let closed = await events.first(within: .seconds(10)) { event in
            if case .sessionClosed(.notificationSent(let notification, _)) = event {
                return notification.code == 2 && notification.subcode == 2
            }
            return false
        }
        #expect(closed != nil, "events: \(events.all)")
        let failed = await events.first(within: .seconds(5)) { $0 == .statusChanged(.failed) }
        try #require(failed != nil, "events: \(events.all)")
        let birdSide = try bird.command("show", "protocols", "all", "dz_user")
        #expect(birdSide.contains("Received: Bad peer AS"), "\(birdSide)")

        // BIRD keeps refusing (2/2 once, then it accepts and closes during its error wait):
        // several more attempts, and Failed is what stays shown.
        let refusals = await eventually(within: .seconds(10)) {
            events.all[failed!.index...].filter { if case .sessionClosed = $0 { true } else { false } }.count >= 4
        }
        #expect(refusals, "events: \(events.all)")
        let shown = events.all[failed!.index...].filter { if case .statusChanged = $0 { true } else { false } }
        #expect(shown == [.statusChanged(.failed)], "events: \(events.all)")
        #expect(speaker.status == .failed)

        // BIRD fixed (its AS is now the one we expect): Established ends the failure.
        try BIRDLiveTests.deviceConfig(network, localASN: 64999).write(
            toFile: bird.configPath, atomically: true, encoding: .utf8)
        let reply = try bird.command("configure")
        #expect(reply.contains("Reconfigured") || reply.contains("Reconfiguration in progress"), "\(reply)")
        let up = await events.first(after: failed!.index, within: .seconds(10), where: Self.isUp)
        #expect(up != nil, "events: \(events.all)")
        #expect(speaker.status == .up)
        await speaker.stop()
    }

    @Test("no peer listening: status becomes Network Unreachable after the session timeout, with backoff retries")
    func unreachable() async throws {
        try LiveTestRequirements.check()
        let network = try OverlayNetwork()
        defer { network.remove() }
        let group = try await makeEventLoopGroup(inNamespace: network.user)
        defer { Task { try? await group.shutdownGracefully() } }
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: Self.deviceASN, peerAddress: IPv4Address(network.deviceAddress)!,
                reconnectBackoff: ReconnectBackoff(
                    initial: .milliseconds(100), maximum: .milliseconds(400), jitter: .none),
                sessionTimeout: .seconds(1)),
            eventLoopGroup: group)
        let events = EventRecorder(speaker.events)
        speaker.start()
        let unreachable = await events.first(within: .seconds(5)) { $0 == .statusChanged(.networkUnreachable) }
        #expect(unreachable != nil, "events: \(events.all)")
        let attempts = events.all.filter { if case .sessionClosed(.connectFailed) = $0 { true } else { false } }
        #expect(attempts.count >= 3, "connection refused attempts: \(attempts)")
        #expect(!events.all.contains(.statusChanged(.down)), "never connected, so never Down")
        await speaker.stop()
    }
}
