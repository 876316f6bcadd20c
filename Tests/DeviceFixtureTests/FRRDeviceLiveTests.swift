import AppTestSupport
import BGP
import BGPWire
import DeviceTestSupport
import Foundation
import Models
import NIOPosix
import Routing
import Testing
import Tunnel

/// The FRR device fixture against our BGP speaker: a client namespace and a device namespace
/// joined by a veth underlay, `doublezero0` (userspace GRE) in the client to `Tunnel500` (userspace
/// GRE) in the device, FRR in the device, and the speaker's event loop thread inside the client
/// namespace. Needs root, Debian `frr`, `iproute2` and `iputils-ping`; without them the tests
/// fail with a message saying what is missing.
@Suite("FRR device fixture (live, root, frr)", .serialized)
struct FRRDeviceLiveTests {
    static let deviceASN: UInt32 = 65342
    static let metro: UInt16 = 10001
    static let loopback: IPv4Prefix = "10.100.0.1/32"
    /// An IBRL user: its DZ IP is its underlay (public) address.
    static let tunnel = DeviceUserTunnel(
        id: 500, deviceEndpoint: ClientDeviceNetwork.deviceEndpoint, clientUnderlay: ClientDeviceNetwork.clientUnderlay,
        overlay: "169.254.0.0/31", dzIP: ClientDeviceNetwork.clientUnderlay)
    static var dzPrefix: IPv4Prefix { IPv4Prefix(uncheckedAddress: tunnel.dzIP!, length: 32) }
    static var deviceOverlay: IPv4Address { tunnel.deviceOverlay! }
    static var clientOverlay: IPv4Address { tunnel.clientOverlay! }

    static func settings(tunnels: [DeviceUserTunnel] = [tunnel]) -> FRRDeviceSettings {
        FRRDeviceSettings(
            asn: deviceASN, routerID: loopback.address, loopbacks: [loopback], exchangeCommunity: metro,
            userTunnels: tunnels)
    }

    /// The client's end: `doublezero0`, then a speaker on a loop inside the client namespace;
    /// `body` runs with both, and both are stopped however it ends.
    static func withClient<T>(
        _ network: ClientDeviceNetwork, announcing prefixes: [IPv4Prefix],
        _ body: (BGPSpeaker, EventRecorder<BGPSpeakerEvent>, TunnelSetReconciler) async throws -> T
    ) async throws -> T {
        let clientTunnels = try TunnelSetReconciler(namespace: network.client.namespace)
        defer { clientTunnels.removeAll() }
        let report = clientTunnels.apply([tunnel.clientSpec])
        try #require(report[TunnelSlot.unicast.interfaceName] == .added(.userspace), "client tunnel: \(report)")
        let group = try await ClientEventLoop.group(in: network.client.namespace)
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                localASN: 65000, remoteASN: deviceASN, peerAddress: deviceOverlay, localAddress: clientOverlay,
                reconnectBackoff: ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(1), jitter: .none)),
            eventLoopGroup: group)
        let events = EventRecorder(speaker.events)
        speaker.announce(prefixes)
        speaker.start()
        do {
            let result = try await body(speaker, events, clientTunnels)
            await speaker.stop()
            try? await group.shutdownGracefully()
            return result
        } catch {
            await speaker.stop()
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Every prefix announced in `events` with its latest attributes.
    static func announced(_ events: [BGPSpeakerEvent]) -> [IPv4Prefix: BGPPathAttributes] {
        var learned: [IPv4Prefix: BGPPathAttributes] = [:]
        for event in events {
            switch event {
            case .routesAnnounced(let prefixes, let attributes): for prefix in prefixes { learned[prefix] = attributes }
            case .routesWithdrawn(let prefixes): for prefix in prefixes { learned[prefix] = nil }
            default: break
            }
        }
        return learned
    }

    @Test(
        "our speaker over userspace GRE reaches Established with FRR; our DZ IP lands in FRR's RIB and kernel tagged 21682:1200 + metro; another prefix is refused"
    )
    func sessionAndInboundPolicy() async throws {
        let started = ContinuousClock.now
        var trace: DeviceTrace?
        try await ClientDeviceNetwork.with { network in
            try await FRRDevice.with(namespace: network.device.name, settings: Self.settings()) { device in
                trace = DeviceTrace(network, device)
                let other: IPv4Prefix = "203.0.113.77/32"
                try await Self.withClient(network, announcing: [Self.dzPrefix, other]) { _, events, _ in
                    let up = await events.first(within: .seconds(15)) { $0 == .statusChanged(.up) }
                    try #require(up != nil, "no Established; events: \(events.all)\nFRR:\n\(device.log)")
                    let neighbor = try await device.waitForNeighbor(Self.clientOverlay)
                    #expect(neighbor.remoteAS == 65000)
                    #expect(neighbor.localAS == Self.deviceASN)
                    #expect(neighbor.holdTimeMilliseconds == 3000)

                    // Both prefixes reach FRR; only the DZ IP passes the policy, with its communities.
                    let bothReceived = await eventually(within: .seconds(5)) {
                        try await device.receivedPrefixes(from: Self.clientOverlay) == [Self.dzPrefix, other]
                    }
                    #expect(bothReceived)
                    let routes = try await device.routes()
                    let accepted = try #require(routes[Self.dzPrefix]?.first, "RIB: \(routes)")
                    #expect(accepted.communities == [.allUsers, BGPCommunity(asn: 21682, value: Self.metro)])
                    #expect(accepted.asPath == [65000])
                    #expect(accepted.peer == Self.clientOverlay)
                    #expect(accepted.nextHops == [Self.clientOverlay])
                    #expect(accepted.isValid && accepted.isBest)
                    #expect(routes[other] == nil, "refused prefix in the RIB: \(routes[other] ?? [])")
                    #expect(try await device.neighbor(Self.clientOverlay)?.acceptedPrefixCount == 1)

                    // zebra installed it in the device's kernel, through the tunnel.
                    var kernel: [DeviceKernelRoute] = []
                    let installed = await eventually(within: .seconds(5)) {
                        kernel = try await device.kernelRoutes()
                        return kernel.contains {
                            $0.destination == Self.dzPrefix && $0.gateway == Self.clientOverlay
                                && $0.device == "Tunnel500" && $0.routeProtocol == "bgp"
                        }
                    }
                    #expect(installed, "kernel: \(kernel)")
                }
            }
        }
        try await #require(trace).expectNothingLeft()
        print("FRR fixture: session and inbound policy in \(ContinuousClock.now - started)")
    }

    @Test(
        "FRR's own routes and other users' routes arrive as routesAnnounced, a withdrawal as routesWithdrawn, stopping FRR closes the session"
    )
    func announcementsWithdrawalAndStop() async throws {
        let started = ContinuousClock.now
        var trace: DeviceTrace?
        try await ClientDeviceNetwork.with { network in
            // The tunnel is served after the start, as a device learns of a new user.
            try await FRRDevice.with(namespace: network.device.name, settings: Self.settings(tunnels: [])) { device in
                trace = DeviceTrace(network, device)
                try await device.serve(Self.tunnel)
                #expect(device.servedTunnels == [Self.tunnel])
                let otherUser: IPv4Prefix = "147.51.126.2/32"
                try await device.announce(otherUser, communities: [.allUsers, BGPCommunity(asn: 21682, value: 10002)])
                try await Self.withClient(network, announcing: [Self.dzPrefix]) { speaker, events, _ in
                    let up = await events.first(within: .seconds(15)) { $0 == .statusChanged(.up) }
                    try #require(up != nil, "no Established; events: \(events.all)\nFRR:\n\(device.log)")

                    var learned: [IPv4Prefix: BGPPathAttributes] = [:]
                    let arrived = await eventually(within: .seconds(5)) {
                        learned = Self.announced(events.all)
                        return learned.keys.contains(Self.loopback) && learned.keys.contains(otherUser)
                    }
                    #expect(arrived, "events: \(events.all)")
                    #expect(learned[Self.dzPrefix] == nil, "our own prefix came back: \(learned)")
                    let user = learned[otherUser]
                    #expect(user?.communities == [.allUsers, BGPCommunity(asn: 21682, value: 10002)])
                    #expect(user?.asNumbers == [Self.deviceASN])
                    #expect(user?.nextHop == Self.deviceOverlay)
                    #expect(learned[Self.loopback]?.asNumbers == [Self.deviceASN])

                    // A route announced later arrives too, and a withdrawal arrives as one.
                    let mark = events.all.count
                    let late: IPv4Prefix = "10.100.7.0/24"
                    try await device.announce(late)
                    let lateArrived = await events.first(after: mark, within: .seconds(5)) { event in
                        if case .routesAnnounced(let prefixes, _) = event { return prefixes.contains(late) }
                        return false
                    }
                    #expect(lateArrived != nil, "events: \(events.all[mark...])")
                    try await device.withdraw(otherUser)
                    let withdrawn = await events.first(after: mark, within: .seconds(5)) { event in
                        if case .routesWithdrawn(let prefixes) = event { return prefixes.contains(otherUser) }
                        return false
                    }
                    #expect(withdrawn != nil, "events: \(events.all[mark...])")
                    #expect(Self.announced(events.all)[otherUser] == nil)

                    // FRR stops: the speaker sees the session close and goes Down.
                    let beforeStop = events.all.count
                    await device.stop()
                    let closed = await events.first(after: beforeStop, within: .seconds(5)) { event in
                        if case .sessionClosed = event { return true }
                        return false
                    }
                    #expect(closed != nil, "events after stop: \(events.all[beforeStop...])")
                    let down = await events.first(after: beforeStop, within: .seconds(5)) {
                        $0 == .statusChanged(.down)
                    }
                    #expect(down != nil, "events after stop: \(events.all[beforeStop...])")
                    #expect(speaker.status != .up)
                }
            }
        }
        try await #require(trace).expectNothingLeft()
        print("FRR fixture: announcements, withdrawal and stop in \(ContinuousClock.now - started)")
    }

    @Test("a route with an AS path of two ASes, or another prefix, is refused by FRR's inbound policy")
    func longerASPathRefused() async throws {
        var trace: DeviceTrace?
        try await ClientDeviceNetwork.with { network in
            try await FRRDevice.with(namespace: network.device.name, settings: Self.settings()) { device in
                trace = DeviceTrace(network, device)
                let clientTunnels = try TunnelSetReconciler(namespace: network.client.namespace)
                defer { clientTunnels.removeAll() }
                let report = clientTunnels.apply([Self.tunnel.clientSpec])
                try #require(report[TunnelSlot.unicast.interfaceName] == .added(.userspace), "\(report)")

                let client = try ScriptedBGPClient(
                    namespace: network.client.namespace, local: Self.clientOverlay, peer: Self.deviceOverlay)
                defer { client.close() }
                // OPEN first: a KEEPALIVE before it is an FSM error that makes FRR close.
                try client.send(.open(BGPOpen(asn: 65000, holdTime: 3, identifier: Self.clientOverlay)))
                try client.send(.keepalive)
                let keepalives = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(500))
                        try? client.send(.keepalive)
                    }
                }
                defer { keepalives.cancel() }
                try await device.waitForNeighbor(Self.clientOverlay)

                func update(_ prefix: IPv4Prefix, path: [UInt32]) -> BGPMessage {
                    .update(
                        BGPUpdate(
                            attributes: BGPPathAttributes(
                                origin: .igp, asPath: [.sequence(path)], nextHop: Self.clientOverlay),
                            announced: [prefix]))
                }
                let other: IPv4Prefix = "203.0.113.78/32"
                try client.send(update(Self.dzPrefix, path: [65000, 65001]))
                try client.send(update(other, path: [65000]))
                let received = await eventually(within: .seconds(5)) {
                    try await device.receivedPrefixes(from: Self.clientOverlay) == [Self.dzPrefix, other]
                }
                #expect(received, "FRR log:\n\(device.log)")
                var routes = try await device.routes()
                #expect(routes[Self.dzPrefix] == nil, "two-AS path accepted: \(routes[Self.dzPrefix] ?? [])")
                #expect(routes[other] == nil, "other prefix accepted: \(routes[other] ?? [])")
                #expect(try await device.neighbor(Self.clientOverlay)?.acceptedPrefixCount == 0)

                // The same prefix with a one-AS path is accepted: the path was the reason.
                try client.send(update(Self.dzPrefix, path: [65000]))
                let accepted = await eventually(within: .seconds(5)) {
                    routes = try await device.routes()
                    return routes[Self.dzPrefix]?.first?.asPath == [65000]
                }
                #expect(accepted, "RIB: \(routes)")
            }
        }
        try await #require(trace).expectNothingLeft()
    }

    @Test("a ping from the client namespace to the device loopback crosses the userspace tunnel both ways")
    func pingThroughTunnel() async throws {
        var trace: DeviceTrace?
        try await ClientDeviceNetwork.with { network in
            try await FRRDevice.with(namespace: network.device.name, settings: Self.settings()) { device in
                trace = DeviceTrace(network, device)
                try await Self.withClient(network, announcing: [Self.dzPrefix]) { _, events, clientTunnels in
                    let up = await events.first(within: .seconds(15)) { $0 == .statusChanged(.up) }
                    try #require(up != nil, "no Established; events: \(events.all)\nFRR:\n\(device.log)")
                    // The device's way back to the DZ IP is the BGP route through the tunnel.
                    let routed = await eventually(within: .seconds(5)) {
                        try await device.kernelRoutes().contains {
                            $0.destination == Self.dzPrefix && $0.device == "Tunnel500"
                        }
                    }
                    try #require(routed, "the device has no route to the DZ IP through the tunnel")

                    let deviceTunnel = try #require(device.userspaceTunnel(Self.tunnel))
                    let clientTunnel = try #require(clientTunnels.userspaceTunnel(TunnelSlot.unicast.interfaceName))
                    let deviceIn = deviceTunnel.counters.packetsReceived.load(ordering: .relaxed)
                    let deviceOut = deviceTunnel.counters.packetsSent.load(ordering: .relaxed)
                    let clientIn = clientTunnel.counters.packetsReceived.load(ordering: .relaxed)

                    let client = network.client.name
                    try await AppRun.run(
                        executable: URL(fileURLWithPath: "/usr/bin/ip"),
                        [
                            "-n", client, "route", "add", "\(Self.loopback)", "via", "\(Self.deviceOverlay)", "src",
                            "\(Self.tunnel.dzIP!)",
                        ], label: "ip", timeout: .seconds(10)
                    ).expectSuccess()
                    let ping = try await AppRun.run(
                        executable: URL(fileURLWithPath: "/usr/bin/ip"),
                        [
                            "netns", "exec", client, "ping", "-c", "5", "-i", "0.2", "-W", "2",
                            "\(Self.loopback.address)",
                        ],
                        label: "ping", timeout: .seconds(20))
                    #expect(ping.exitCode == 0, "ping: \(ping.allOutput)")
                    #expect(ping.standardOutput.contains("5 received"), "ping: \(ping.standardOutput)")

                    // At least the 5 requests went in on the device side and 5 replies came out and
                    // reached the client (keepalives add to these, never subtract).
                    let deviceInNow = deviceTunnel.counters.packetsReceived.load(ordering: .relaxed)
                    let deviceOutNow = deviceTunnel.counters.packetsSent.load(ordering: .relaxed)
                    let clientInNow = clientTunnel.counters.packetsReceived.load(ordering: .relaxed)
                    #expect(deviceInNow - deviceIn >= 5, "device tunnel received \(deviceInNow - deviceIn)")
                    #expect(deviceOutNow - deviceOut >= 5, "device tunnel sent \(deviceOutNow - deviceOut)")
                    #expect(clientInNow - clientIn >= 5, "client tunnel received \(clientInNow - clientIn)")
                }
            }
        }
        try await #require(trace).expectNothingLeft()
    }

    @Test("a user no longer served loses its neighbor and its tunnel: the client's session closes and stays down")
    func stopServingClosesTheSession() async throws {
        var trace: DeviceTrace?
        try await ClientDeviceNetwork.with { network in
            try await FRRDevice.with(namespace: network.device.name, settings: Self.settings()) { device in
                trace = DeviceTrace(network, device)
                try await Self.withClient(network, announcing: [Self.dzPrefix]) { _, events, _ in
                    let up = await events.first(within: .seconds(15)) { $0 == .statusChanged(.up) }
                    try #require(up != nil, "no Established; events: \(events.all)\nFRR:\n\(device.log)")
                    let mark = events.all.count
                    try await device.stopServing(Self.tunnel)
                    #expect(device.servedTunnels.isEmpty)
                    #expect(device.userspaceTunnel(Self.tunnel) == nil)
                    #expect(try await device.neighbor(Self.clientOverlay) == nil)
                    let closed = await events.first(after: mark, within: .seconds(5)) { event in
                        if case .sessionClosed = event { return true }
                        return false
                    }
                    #expect(closed != nil, "events: \(events.all[mark...])")
                    let kernel = try await device.kernelRoutes()
                    #expect(!kernel.contains { $0.destination == Self.dzPrefix }, "kernel: \(kernel)")
                    // Nothing answers any more: no Established comes back.
                    let again = await events.first(after: mark, within: .seconds(2)) { $0 == .statusChanged(.up) }
                    #expect(again == nil, "events: \(events.all[mark...])")
                }
            }
        }
        try await #require(trace).expectNothingLeft()
    }

    @Test("with pimd: zebra has four clients and PIM runs on a multicast user's tunnel")
    func pimOnMulticastTunnel() async throws {
        let publisher = DeviceUserTunnel(
            id: 501, deviceEndpoint: ClientDeviceNetwork.deviceEndpoint,
            clientUnderlay: ClientDeviceNetwork.clientUnderlay, overlay: "169.254.0.2/31", dzIP: "147.51.126.10",
            kind: .multicastPublisher)
        var settings = Self.settings(tunnels: [publisher])
        settings.runsPIM = true
        var trace: DeviceTrace?
        try await ClientDeviceNetwork.with { network in
            try await FRRDevice.with(namespace: network.device.name, settings: settings) { device in
                trace = DeviceTrace(network, device)
                #expect(device.processIdentifiers.count == 4, "zebra, staticd, bgpd, pimd")
                var interfaces = ""
                let running = await eventually(within: .seconds(5)) {
                    interfaces = try await device.vtysh(["show ip pim interface"], daemon: "pimd")
                    return interfaces.contains("Tunnel501")
                }
                #expect(running, "pimd interfaces: \(interfaces)\nFRR:\n\(device.log)")
                let policy = try await device.vtysh(["show route-map RM-USER-501-IN"], daemon: "bgpd")
                #expect(policy.contains("21682:1300"), "\(policy)")
            }
        }
        try await #require(trace).expectNothingLeft()
    }

    @Test("a test that fails inside the fixture still leaves no namespace, process or directory behind")
    func cleanupWhenTheBodyThrows() async throws {
        struct Planned: Error {}
        var trace: DeviceTrace?
        await #expect(throws: Planned.self) {
            try await ClientDeviceNetwork.with { network in
                try await FRRDevice.with(namespace: network.device.name, settings: Self.settings()) { device in
                    trace = DeviceTrace(network, device)
                    #expect(trace?.processIdentifiers.count == 3, "zebra, staticd, bgpd: \(device.processIdentifiers)")
                    throw Planned()
                }
            }
        }
        try await #require(trace).expectNothingLeft()
    }
}

extension AppRun {
    /// Expects exit status 0, showing the output otherwise.
    func expectSuccess() {
        #expect(exitCode == 0, "\(allOutput)")
    }
}
