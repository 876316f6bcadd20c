import Models
import Testing

@testable import Routing

/// The FRR text (and the device model JSON) of each scenario, pinned byte for byte in `Golden/`.
@Suite("FRR config golden files")
struct FRRConfigGoldenTests {
    static let options = DeviceConfigOptions(noHardware: true, tunnelSlotCount: 4)

    /// ny5-dz01 (xewr) with an IBRL user, an IBRL user with an allocated IP, a multicast
    /// publisher and a subscriber; linked to la2-dz01 and ams-dz001.
    static func usersNetwork() -> NetworkFixture {
        var network = NetworkFixture.threeMetros()
        network.addGroup("mg01", "233.84.178.0")
        network.addGroup("mg02", "233.84.178.2")
        network.addUser("alice", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.10", tunnelId: 500)
        network.addUser(
            "bob", .ibrlWithAllocatedIP, on: "ny5-dz01", clientIp: "45.40.1.11", tunnelId: 501, dzIp: "46.0.1.1")
        network.addUser(
            "pub", .multicast, on: "ny5-dz01", clientIp: "45.40.1.20", tunnelId: 502, dzIp: "147.51.126.1",
            publishes: ["mg01"], subscribes: ["mg02"])
        network.addUser("sub", .multicast, on: "ny5-dz01", clientIp: "45.40.1.21", tunnelId: 503, subscribes: ["mg02"])
        return network
    }

    /// ny5-dz01 with links in every state, to a healthy and to a broken device, twice to one peer,
    /// and on an interface whose name Linux cannot have.
    static func linksNetwork() -> NetworkFixture {
        var network = NetworkFixture()
        network.addExchange("xewr", community: 10001)
        network.addExchange("xlax", community: 10000)
        network.addDevice("ny5-dz01", exchange: "xewr", publicIp: "64.86.249.80")
        network.addDevice("ty2-dz01", exchange: "xewr", publicIp: "45.33.100.20")
        network.addDevice("la2-dz01", exchange: "xlax", publicIp: "45.33.100.10")
        network.addDevice("pit-dzd01", exchange: "xlax", publicIp: "45.33.100.30", loopbacks: false)
        network.addDevice("sg1-dz01", exchange: "xlax", publicIp: "45.33.100.40")
        network.addLink("ny5-dz01", "Ethernet2", "ty2-dz01", "Ethernet1", delayNs: 40_000_000)
        network.addLink("ty2-dz01", "Ethernet2", "ny5-dz01", "Ethernet3", delayNs: 30_000_000, status: .softDrained)
        network.addLink("ny5-dz01", "Ethernet4", "la2-dz01", "Ethernet1", delayNs: 8_000_000, status: .hardDrained)
        network.addLink("ny5-dz01", "Ethernet5", "la2-dz01", "Ethernet2", delayNs: 9_000_000, status: .pending)
        network.addLink("ny5-dz01", "Ethernet6", "pit-dzd01", "Ethernet1", delayNs: 9_000_000)
        network.addLink("ny5-dz01", "Switch1/1/2.100", "sg1-dz01", "Ethernet1", delayNs: 1_500)
        return network
    }

    @Test("unicast and multicast users: prefix lists, in and out maps, neighbors, iBGP over the links")
    func users() throws {
        let configs = Self.usersNetwork().configs(Self.options)
        let text = try configs.renderFRR("ny5-dz01")
        try GoldenFile.check(text, against: "frr-users")
        #expect(text.contains("ip prefix-list PL-USER-501 seq 10 permit 46.0.1.1/32\n"))
        #expect(text.contains("ip prefix-list PL-USER-503 seq 10 deny 0.0.0.0/0 le 32\n"))
        #expect(text.contains("route-map RM-USER-502-IN permit 10\n"))
        #expect(text.contains(" set community 21682:1300 21682:10001\n"))
        #expect(text.contains(" neighbor 169.254.1.1 remote-as 65000\n"))
        #expect(!text.contains("shutdown"))
        try GoldenFile.check(try configs.model(named: "ny5-dz01").jsonText(), against: "model-users", extension: "json")
    }

    @Test("a drained device shuts every user neighbor, and nothing else changes")
    func drainedDevice() throws {
        var network = Self.usersNetwork()
        let active = try network.configs(Self.options).renderFRR("ny5-dz01")
        network.devices[0].status = .drained
        let text = try network.configs(Self.options).renderFRR("ny5-dz01")
        try GoldenFile.check(text, against: "frr-drained-device")
        let added = Set(text.split(separator: "\n")).subtracting(active.split(separator: "\n"))
        #expect(
            added
                == [
                    " neighbor 169.254.0.1 shutdown", " neighbor 169.254.1.1 shutdown",
                    " neighbor 169.254.2.1 shutdown",
                    " neighbor 169.254.3.1 shutdown",
                ])
        #expect(text.split(separator: "\n").count == active.split(separator: "\n").count + 4)
        #expect(try network.configs(Self.options).model(named: "ny5-dz01").drained)
    }

    @Test("links: addresses on their interfaces, static routes and iBGP only across links that carry traffic")
    func links() throws {
        let configs = Self.linksNetwork().configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 1))
        let text = try configs.renderFRR("ny5-dz01")
        try GoldenFile.check(text, against: "frr-links")
        // ty2-dz01 twice (activated and soft-drained): one neighbor, a static route over each link.
        #expect(text.contains("ip route 172.16.1.2/32 172.16.2.1\nip route 172.16.1.2/32 172.16.2.2\n"))
        #expect(text.components(separatedBy: " neighbor 172.16.1.2 remote-as 65342\n").count == 2)
        // la2-dz01 only over a hard-drained and a pending link: no route, no session; it is a
        // healthy device, so an MSDP peer all the same (reached once it has a live link).
        #expect(!text.contains("ip route 172.16.1.3/32") && !text.contains(" neighbor 172.16.1.3 "))
        #expect(text.contains("ip msdp peer 172.16.1.3 source 172.16.1.1\n"))
        // sg1-dz01 over an interface Linux cannot name: left to the agent, but routed and peered.
        #expect(text.contains("! Switch1/1/2.100 is not a Linux interface name"))
        #expect(text.contains("ip route 172.16.1.5/32 172.16.2.11\n"))
        #expect(text.contains(" neighbor 172.16.1.5 remote-as 65342\n"))
        // pit-dzd01 has no loopbacks: its link is addressed, nobody peers.
        #expect(text.contains("interface Ethernet6\n description ny5-dz01:pit-dzd01\n ip address 172.16.2.8/31\n"))
        #expect(!text.contains("Ethernet5"))
        try GoldenFile.check(try configs.model(named: "ny5-dz01").jsonText(), against: "model-links", extension: "json")
        // The other end agrees: ty2-dz01 peers back with ny5-dz01 over both links.
        let peer = try configs.renderFRR("ty2-dz01")
        #expect(peer.contains("ip route 172.16.1.1/32 172.16.2.0\nip route 172.16.1.1/32 172.16.2.3\n"))
        #expect(peer.contains(" neighbor 172.16.1.1 update-source 172.16.1.2\n"))
    }

    @Test("RFC 6: each device tags with its own metro and denies it outbound", arguments: ["ny5-dz01", "la2-dz01"])
    func metroPolicy(device: String) throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("u-ny", .ibrl, on: "ny5-dz01", clientIp: "45.40.2.1", tunnelId: 500)
        network.addUser("u-la", .ibrl, on: "la2-dz01", clientIp: "45.40.2.2", tunnelId: 500)
        let text = try network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 2)).renderFRR(device)
        try GoldenFile.check(text, against: "frr-metro-\(device)")
        let metro = device == "ny5-dz01" ? ("XEWR", "10001") : ("XLAX", "10000")
        #expect(
            text.contains(
                """
                route-map RM-USER-500-IN permit 10
                 match ip address prefix-list PL-USER-500
                 match as-path AS-PATH-LENGTH-1
                 set community 21682:1200 21682:\(metro.1)
                exit
                !
                route-map RM-USER-500-OUT deny 10
                 match community COMM-\(metro.0)_USERS
                exit
                !
                route-map RM-USER-500-OUT permit 20
                 match community COMM-ALL_USERS
                exit
                """))
        // Every metro's list is defined, as in the EOS text.
        for list in ["COMM-XAMS_USERS", "COMM-XEWR_USERS", "COMM-XLAX_USERS"] {
            #expect(text.contains("bgp community-list standard \(list) seq 5 permit 21682:"))
        }
    }
}
