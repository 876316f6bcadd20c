import Models
import Testing

@testable import Routing

/// The pieces of the FRR rendering and the device model, one rule at a time, and invariants over
/// the random networks of ``EOSConfigInvariantTests``.
@Suite("FRR config pieces")
struct FRRConfigPieceTests {
    @Test(
        "Linux interface names",
        arguments: [
            ("Ethernet1", true), ("Vlan4001", true), ("eth0.100", true), ("Loopback255", true),
            ("abcdefghijklmno", true), ("abcdefghijklmnop", false), ("", false), (".", false), ("..", false),
            ("Switch1/1/2", false), ("eth0:1", false), ("eth 0", false), ("eth\t0", false), ("Port-Channel1", true),
        ])
    func linuxInterfaceNames(name: String, valid: Bool) {
        #expect(FRRConfigRenderer.isLinuxInterfaceName(name) == valid)
    }

    @Test(
        "RFC 6: who is denied the own metro",
        arguments: [
            (DeviceConfigTunnelUser.Service.unicast(vrf: 1, metroRouting: true), true),
            (.unicast(vrf: 1, metroRouting: false), false),
            (.multicast(publishers: [], subscribers: ["233.84.178.1"], boundary: ["233.84.178.1"]), true),
            (.multicast(publishers: ["233.84.178.1"], subscribers: [], boundary: ["233.84.178.1"]), true),
        ])
    func ownMetroDenied(service: DeviceConfigTunnelUser.Service, denied: Bool) throws {
        var config = try FRRConfigGoldenTests.usersNetwork().configs(FRRConfigGoldenTests.options).config(
            named: "ny5-dz01")
        config.tunnels[0].user?.service = service
        #expect(FRRConfigRenderer.deniesOwnMetro(try #require(config.tunnels[0].user)) == denied)
        let text = try FRRConfigRenderer.render(config)
        #expect(text.contains("route-map RM-USER-500-OUT deny 10\n") == denied)
        #expect(text.contains("route-map RM-USER-500-OUT permit 20\n"))
    }

    @Test("link ends: side A holds the lower address, side Z the upper, and each knows the other")
    func linkEnds() throws {
        let configs = FRRConfigGoldenTests.linksNetwork().configs(DeviceConfigOptions(tunnelSlotCount: 1))
        let ny5 = try configs.config(named: "ny5-dz01")
        let ty2 = try configs.config(named: "ty2-dz01")
        #expect(
            ny5.links.map(\.interfaceName) == ["Ethernet2", "Ethernet3", "Ethernet4", "Ethernet6", "Switch1/1/2.100"])
        let a = try #require(ny5.links.first { $0.interfaceName == "Ethernet2" })
        let z = try #require(ty2.links.first { $0.interfaceName == "Ethernet1" })
        #expect((a.localAddress, a.peerAddress) == ("172.16.2.0", "172.16.2.1"))
        #expect((z.localAddress, z.peerAddress) == ("172.16.2.1", "172.16.2.0"))
        #expect((a.peerDeviceCode, a.peerInterfaceName, z.peerDeviceCode) == ("ty2-dz01", "Ethernet1", "ny5-dz01"))
        #expect(a.peer == IBGPPeer(address: "172.16.1.2", name: "ty2-dz01"))
        #expect(ny5.links.first { $0.interfaceName == "Ethernet6" }?.peer == nil)
        #expect(ny5.links.map(\.carriesTraffic) == [true, true, false, true, true])
        #expect(FRRConfigRenderer.iBGPNeighbors(of: ny5).map(\.name) == ["ty2-dz01", "sg1-dz01"])
    }

    @Test("names that would break a line are refused", arguments: ["exchange code", "link code", "interface name"])
    func unsafeNames(field: String) throws {
        var config = try FRRConfigGoldenTests.linksNetwork().configs(DeviceConfigOptions(tunnelSlotCount: 1)).config(
            named: "ny5-dz01")
        switch field {
        case "exchange code": config.metroCommunityList.exchangeCode = "x ewr"
        case "link code": config.links[0].code = "a\nb"
        default: config.links[0].interfaceName = "Ethernet2\u{7F}"
        }
        #expect(throws: DeviceConfigError.self) { try FRRConfigRenderer.render(config) }
    }

    @Test("the device model: tunnels with both ends and kinds, JSON round trip, stable bytes")
    func deviceModel() throws {
        let configs = FRRConfigGoldenTests.usersNetwork().configs(FRRConfigGoldenTests.options)
        let model = try configs.model(named: "ny5-dz01")
        #expect(model.userTunnels.map(\.kind) == [.unicast, .unicast, .multicastPublisher, .multicastSubscriber])
        let alice = model.userTunnels[0]
        #expect(alice.interfaceName == "Tunnel500")
        #expect((alice.deviceEndpoint, alice.clientUnderlay) == ("64.86.249.80", "45.40.1.10"))
        #expect(
            (alice.overlay, alice.deviceOverlay, alice.clientOverlay) == (
                "169.254.0.0/31", "169.254.0.0", "169.254.0.1"
            ))
        #expect(
            model.userTunnels[2].publishes == ["233.84.178.0"] && model.userTunnels[2].subscribes == ["233.84.178.2"])
        #expect(model.exchangeCommunity == "21682:10001" && model.asn == 65342 && model.userAsn == 65000)
        #expect(model.ibgpPeers.map(\.device) == ["la2-dz01", "ams-dz001"])
        let text = model.jsonText()
        #expect(try DeviceModel.decode(jsonText: text) == model)
        #expect(text == (try configs.model(named: "ny5-dz01")).jsonText())
        #expect(text.contains("\"dz_ip\" : \"46.0.1.1\"") && text.contains("\"tunnel_net\" : \"172.16.2.0/31\""))
        #expect(throws: DecodingError.self) { try DeviceModel.decode(jsonText: "{\"version\": 1}") }
    }

    @Test("every FRR text is well formed, self-consistent and order-independent; iBGP is symmetric", arguments: 0..<40)
    func invariants(seed: Int) throws {
        var network = EOSConfigInvariantTests.network(seed: UInt64(seed))
        // A ring of links through every device, some drained.
        let codes = network.devices.map(\.code)
        for (index, code) in codes.enumerated() where codes.count > 1 {
            let next = codes[(index + 1) % codes.count]
            guard index + 1 < codes.count || codes.count > 2 else { continue }
            network.addLink(
                code, "Ethernet\(index + 10)", next, "Ethernet\(index + 20)", delayNs: 1_000_000,
                status: [LinkStatus.activated, .softDrained, .hardDrained][(seed + index) % 3])
        }
        let options = DeviceConfigOptions(tunnelSlotCount: 8)
        let configs = network.configs(options)
        var reversed = network.snapshot
        reversed.devices.reverse()
        reversed.links.reverse()
        reversed.users.reverse()
        reversed.exchanges.reverse()
        let reorderedConfigs = NetworkDeviceConfigs(snapshot: reversed, options: options)
        var neighbors: [String: Set<String>] = [:]
        for entry in configs.entries {
            guard case .success(let config) = entry.result else {
                #expect(throws: DeviceConfigError.self) { try configs.renderFRR(entry.code) }
                continue
            }
            let text = try configs.renderFRR(entry.code)
            #expect(text.hasSuffix("exit\n!\nend\n") && !text.contains("\n\n"))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
            // Users: one neighbor each, every route-map and prefix-list it names is defined.
            let users = config.tunnels.compactMap(\.user)
            #expect(lines.count { $0.hasSuffix(" remote-as 65000") } == users.count)
            for line in lines where line.hasPrefix("  neighbor ") && line.contains(" route-map ") {
                let map = line.split(separator: " ")[3]
                #expect(lines.contains { $0.hasPrefix("route-map \(map) ") })
            }
            for line in lines where line.hasPrefix(" match ip address prefix-list ") {
                let list = line.split(separator: " ").last!
                #expect(lines.contains { $0.hasPrefix("ip prefix-list \(list) seq 10 ") })
            }
            #expect(lines.count { $0.hasSuffix(" shutdown") } == (config.isDrained ? users.count : 0))
            // The same snapshot listed in another order gives the same text, except that peers
            // follow ledger order.
            let reordered = try reorderedConfigs.renderFRR(entry.code)
            #expect(Set(reordered.split(separator: "\n")) == Set(text.split(separator: "\n")))
            neighbors[entry.code] = Set(FRRConfigRenderer.iBGPNeighbors(of: config).map(\.name))
        }
        for (code, peers) in neighbors {
            for peer in peers { #expect(neighbors[peer]?.contains(code) == true, "\(code) peers \(peer), not back") }
        }
    }
}
