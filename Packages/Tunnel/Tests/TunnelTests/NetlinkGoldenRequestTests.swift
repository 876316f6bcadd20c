import Models
import Testing
import Tunnel

/// Our requests, byte for byte, against what iproute2 sends for the same operation (recorded
/// by Tools/TunnelGoldenRecorder/record.sh; sequence numbers masked). v0 is link #3 there.
@Suite("netlink requests match iproute2")
struct NetlinkGoldenRequestTests {
    private static let v0: Int32 = 3

    /// Runs `operation` against a fake socket and compares its only request with the fixture.
    private func expectRequest(
        _ fixture: String, replies: [FakeNetlinkSocket.Reply] = [],
        _ operation: (NetlinkSession) throws -> Void
    ) throws {
        let expected = try IPRoute2Fixture(fixture)
        let socket = FakeNetlinkSocket()
        socket.replies = replies
        try operation(NetlinkSession(socket: socket, firstSequence: 0x1234_5678))
        #expect(socket.sent.count == 1, "\(expected.command)")
        let actual = IPRoute2Fixture.masked(socket.sent.first ?? [])
        #expect(actual == IPRoute2Fixture.masked(expected.bytes), "ip \(expected.command)")
        #expect(socket.sent.first?[8..<12] == [0x78, 0x56, 0x34, 0x12], "our sequence number is stamped")
    }

    private static let done: FakeNetlinkSocket.Reply = { FakeNetlinkSocket.done(sequence: $0) }

    @Test("create gre link, no PMTU discovery, MTU 1476")
    func linkAddGRE() throws {
        try expectRequest("link_add_gre") {
            try $0.createGRELink(
                GRELinkSpec(name: LinuxInterfaceName(constant: "doublezero0"), local: "192.0.2.1", remote: "192.0.2.2"))
        }
    }

    @Test("create gre link with PMTU discovery and the default MTU")
    func linkAddGREPathMTUDiscovery() throws {
        try expectRequest("link_add_gre_pmtudisc") {
            try $0.createGRELink(
                GRELinkSpec(
                    name: LinuxInterfaceName(constant: "doublezero1"), local: "192.0.2.1", remote: "192.0.2.3",
                    pathMTUDiscovery: true, mtu: nil))
        }
    }

    @Test("link up, down, mtu, delete")
    func linkSet() throws {
        try expectRequest("link_set_up") { try $0.setLink(index: Self.v0, up: true) }
        try expectRequest("link_set_down") { try $0.setLink(index: Self.v0, up: false) }
        try expectRequest("link_set_mtu") { try $0.setLink(index: Self.v0, mtu: 1400) }
        try expectRequest("link_delete") { try $0.deleteLink(index: Self.v0) }
    }

    @Test("link lookup by name and link dump")
    func linkGet() throws {
        let reply: FakeNetlinkSocket.Reply = { sequence in
            let header: [UInt8] = [0, 0, 0, 0, 3, 0, 0, 0, 0x43, 0x10, 0, 0, 0, 0, 0, 0]
            let attributes = NetlinkAttribute.encode([
                NetlinkAttribute(type: 3, payload: Array("v0".utf8) + [0]),
                NetlinkAttribute(type: 4, payload: [0xDC, 0x05, 0, 0]),
            ])
            return NetlinkMessage(type: 16, flags: 0, sequence: sequence, portID: 0, payload: header + attributes).bytes
        }
        try expectRequest("link_get", replies: [reply]) { session in
            let link = try session.link(named: LinuxInterfaceName(constant: "v0"))
            #expect(link == NetworkLink(index: 3, name: "v0", mtu: 1500, flags: 0x1043))
            #expect(link.isUp)
        }
        try expectRequest("link_dump", replies: [Self.done]) {
            let links = try $0.links(); #expect(links.isEmpty)
        }
    }

    @Test("address add, add /32, replace, delete, dump")
    func addresses() throws {
        let overlay = InterfaceAddress(interfaceIndex: Self.v0, address: "169.254.0.1/31", scope: .link)
        let host = InterfaceAddress(interfaceIndex: Self.v0, address: "198.51.100.7/32")
        try expectRequest("address_add") { try $0.addAddress(overlay) }
        try expectRequest("address_add_host") { try $0.addAddress(host) }
        try expectRequest("address_replace") { try $0.replaceAddress(overlay) }
        try expectRequest("address_delete") { try $0.deleteAddress(host) }
        try expectRequest("address_dump", replies: [Self.done]) {
            let addresses = try $0.addresses(); #expect(addresses.isEmpty)
        }
    }

    @Test("route add with gateway and source, add through a device, replace, delete, dump")
    func routes() throws {
        let learned = Route(
            destination: "10.1.0.0/24", gateway: "169.254.0.0", source: "169.254.0.1", table: 100, protocol: .bgp)
        try expectRequest("route_add") { try $0.addRoute(learned) }
        try expectRequest("route_add_device") {
            try $0.addRoute(Route(destination: "10.2.0.0/24", interfaceIndex: Self.v0, table: 101, protocol: .static))
        }
        try expectRequest("route_replace") { try $0.replaceRoute(learned) }
        try expectRequest("route_delete") {
            try $0.deleteRoute(Route(destination: "10.1.0.0/24", gateway: "169.254.0.0", table: 100))
        }
        try expectRequest("route_dump", replies: [Self.done]) {
            let routes = try $0.routes(table: 100); #expect(routes.isEmpty)
        }
    }

    @Test("a batch of route changes: every message equals the single request iproute2 sends for it")
    func routeBatch() throws {
        let learned = Route(
            destination: "10.1.0.0/24", gateway: "169.254.0.0", source: "169.254.0.1", table: 100, protocol: .bgp)
        let main = Route(destination: "100.64.0.7/32", gateway: "169.254.0.0", source: "169.254.0.1", protocol: .bgp)
        let socket = ScriptedNetlinkSocket()
        let session = NetlinkSession(socket: socket, firstSequence: 0x1234_5678)
        let failures = try session.applyRoutes([
            .replace(main), .delete(main), .replace(learned),
            .delete(Route(destination: "10.1.0.0/24", gateway: "169.254.0.0", table: 100)),
        ])
        #expect(failures.isEmpty)
        #expect(socket.sent.count == 1, "one datagram for the whole batch")
        let messages = try NetlinkMessage.split(socket.sent.first ?? [])
        let fixtures = try ["route_replace_main", "route_delete_main", "route_replace", "route_delete"].map {
            try IPRoute2Fixture($0)
        }
        #expect(messages.count == fixtures.count)
        for (message, fixture) in zip(messages, fixtures) {
            #expect(
                IPRoute2Fixture.masked(message.bytes) == IPRoute2Fixture.masked(fixture.bytes), "\(fixture.command)")
        }
        #expect(messages.map(\.sequence) == [0x1234_5678, 0x1234_5679, 0x1234_567A, 0x1234_567B])

        // Errors only: the same requests without NLM_F_ACK, closed by an acknowledged NLMSG_NOOP.
        let quiet = ScriptedNetlinkSocket { _, messages in
            [.success(ScriptedNetlinkSocket.acks([messages.last?.sequence ?? 0]))]
        }
        #expect(
            try NetlinkSession(socket: quiet).applyRoutes(
                [.replace(main), .delete(main), .replace(learned)], acknowledgement: .errorsOnly
            ).isEmpty)
        let quietMessages = quiet.sentMessages.first ?? []
        #expect(quietMessages.count == 4)
        for (message, fixture) in zip(quietMessages.dropLast(), fixtures) {
            var expected = IPRoute2Fixture.masked(fixture.bytes)
            expected[6] &= ~0x04  // NLM_F_ACK
            #expect(IPRoute2Fixture.masked(message.bytes) == expected, "\(fixture.command) without NLM_F_ACK")
        }
        #expect(quietMessages.last.map { ($0.type, $0.flags, $0.payload) } ?? (0, 0, [1]) == (1, 0x5, []))
        // And the single verbs send the same bytes for the main-table route.
        try expectRequest("route_replace_main") { try $0.replaceRoute(main) }
        try expectRequest("route_delete_main") { try $0.deleteRoute(main) }
    }

    @Test("route lookup for one destination, as `ip route get`")
    func routeGet() throws {
        let reply: FakeNetlinkSocket.Reply = { sequence in
            // rtmsg: AF_INET, /32, table main, proto kernel... type unicast; then DST, OIF, PREFSRC, TABLE.
            let header: [UInt8] = [2, 32, 0, 0, 254, 0, 0, 1, 0, 0x10, 0, 0]
            let attributes = NetlinkAttribute.encode([
                NetlinkAttribute(type: 1, payload: [169, 254, 0, 0]),
                NetlinkAttribute(type: 4, payload: [3, 0, 0, 0]),
                NetlinkAttribute(type: 7, payload: [169, 254, 0, 1]),
                NetlinkAttribute(type: 15, payload: [254, 0, 0, 0]),
            ])
            return NetlinkMessage(type: 24, flags: 0, sequence: sequence, portID: 0, payload: header + attributes).bytes
        }
        try expectRequest("route_get", replies: [reply]) { session in
            let result = try session.routeLookup(to: "169.254.0.0")
            #expect(
                result
                    == RouteLookupResult(
                        destination: "169.254.0.0", preferredSource: "169.254.0.1", gateway: nil, interfaceIndex: 3,
                        table: 254, type: 1))
        }
    }

    @Test("rule add to, add from, delete, dump")
    func rules() throws {
        try expectRequest("rule_add") {
            try $0.addRule(PolicyRule(priority: 100, destination: "10.0.0.0/8", table: 100))
        }
        try expectRequest("rule_add_from") {
            try $0.addRule(PolicyRule(priority: 101, source: "198.51.100.0/24", table: 101))
        }
        try expectRequest("rule_delete") {
            try $0.deleteRule(PolicyRule(priority: 100, destination: "10.0.0.0/8", table: 100))
        }
        try expectRequest("rule_dump", replies: [Self.done]) {
            let rules = try $0.rules(); #expect(rules.isEmpty)
        }
    }
}
