import Models
import Testing

@testable import Routing

/// How the config model is derived from ledger entities: lookups, slots, de-duplication, peers.
@Suite("Device config derivation")
struct DeviceConfigDerivationTests {
    @Test("a device is found by code (any case) or by public key")
    func lookup() throws {
        let configs = NetworkFixture.threeMetros().configs(DeviceConfigOptions())
        let byCode = try configs.config(named: "NY5-DZ01")
        let byKey = try configs.config(named: NetworkFixture.key("ny5-dz01").base58)
        #expect(byCode == byKey)
        #expect(byCode.code == "ny5-dz01")
    }

    @Test("IS-IS NET is the VPNv4 loopback in lower-case hex")
    func isisNet() {
        #expect(DeviceConfig.isisNet(for: "14.14.14.14") == "49.0000.0e0e.0e0e.0000.00")
        #expect(DeviceConfig.isisNet(for: "172.16.0.255") == "49.0000.ac10.00ff.0000.00")
    }

    @Test("peers are every healthy device in ledger order, whatever its status")
    func peersInLedgerOrder() throws {
        var network = NetworkFixture.threeMetros()
        network.devices[2].status = .drained
        // Ledger order is account index order (the array's order does not matter): la2-dz01 and
        // ams-dz001 trade places in it.
        let index = network.devices[1].index
        network.devices[1].index = network.devices[2].index
        network.devices[2].index = index
        let config = try network.configs(DeviceConfigOptions()).config(named: "ny5-dz01")
        #expect(config.ipv4Peers.map(\.name) == ["ny5-dz01", "ams-dz001", "la2-dz01"])
        #expect(config.vpnv4Peers.map(\.address) == ["172.16.0.1", "172.16.0.3", "172.16.0.2"])
    }

    @Test("users outside the slot range, not activated or with unusable records get no slot")
    func skippedUsers() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("ok", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.1", tunnelId: 500)
        network.addUser("beyond", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.2", tunnelId: 504)
        network.addUser("pending", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.3", tunnelId: 501, status: .pending)
        network.addUser("martian", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.4", tunnelId: 502, dzIp: "10.1.1.1")
        network.addUser("elsewhere", .ibrl, on: "la2-dz01", clientIp: "45.40.1.5", tunnelId: 503)
        let config = try network.configs(DeviceConfigOptions(tunnelSlotCount: 4)).config(named: "ny5-dz01")
        #expect(config.tunnels.map(\.id) == [500, 501, 502, 503])
        #expect(config.tunnels.compactMap(\.user).map(\.pubkey) == [NetworkFixture.key("user-ok")])
    }

    @Test("two users in one slot: the later one (ledger order) wins")
    func duplicateSlot() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("first", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.1", tunnelId: 500)
        network.addUser("second", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.2", tunnelId: 500)
        let config = try network.configs(DeviceConfigOptions(tunnelSlotCount: 2)).config(named: "ny5-dz01")
        #expect(config.tunnels[0].user?.pubkey == NetworkFixture.key("user-second"))
    }

    @Test("two slots with the same underlay pair: the lower slot wins, the other vanishes entirely")
    func duplicateUnderlay() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("unicast", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.1", tunnelId: 500)
        network.addUser("multicast", .multicast, on: "ny5-dz01", clientIp: "45.40.1.1", tunnelId: 501)
        let configs = network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 3))
        let config = try configs.config(named: "ny5-dz01")
        #expect(config.tunnels.map(\.id) == [500, 502])
        let text = try configs.render("ny5-dz01")
        #expect(!text.contains("Tunnel501"))
        #expect(!text.contains("RM-USER-501"))
    }

    @Test("unknown peers: only reported neighbours inside the tunnel blocks that are nobody known")
    func unknownPeers() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("alice", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.10", tunnelId: 500)
        let configs = network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 1))
        let config = try configs.config(named: "ny5-dz01")
        let reported = ["169.254.0.1", "169.254.7.7", "172.16.1.2", "172.16.9.9", "8.8.8.8", "not-an-ip"]
        #expect(config.unknownPeers(reported: reported) == ["169.254.7.7", "172.16.9.9"])
        let text = try configs.render("ny5-dz01", reportedPeers: ["169.254.7.7"])
        #expect(
            text.contains(
                """
                !
                router bgp 65342
                   no neighbor 169.254.7.7
                   address-family ipv4
                      no neighbor 169.254.7.7
                   !
                   address-family vpn-ipv4
                      no neighbor 169.254.7.7
                   !
                   vrf vrf1
                      no neighbor 169.254.7.7
                !
                router bgp 65342
                   router-id 172.16.0.1

                """))
    }

    @Test("a single-device network has no iBGP peers and no MSDP block")
    func singleDevice() throws {
        var network = NetworkFixture()
        network.addExchange("xewr", community: 10001)
        network.addDevice("ny5-dz01", exchange: "xewr", publicIp: "64.86.249.80")
        let text = try network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 1)).render("ny5-dz01")
        #expect(!text.contains("router msdp"))
        #expect(!text.contains("remote-as 65342"))
        #expect(text.hasSuffix("   deny ip any any\n!\n"))
    }

    @Test("every config ends with one newline and has no blank line")
    func shape() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("alice", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.10", tunnelId: 500)
        let configs = network.configs(DeviceConfigOptions())
        for entry in configs.entries {
            let text = try configs.render(entry.code)
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
            #expect(!text.contains("\n\n"))
            #expect(text.hasPrefix("!\nhardware counter feature gre tunnel interface out\n"))
        }
    }
}
