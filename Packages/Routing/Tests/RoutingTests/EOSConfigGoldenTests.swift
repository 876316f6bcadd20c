import Models
import Testing

@testable import Routing

/// The rendered text of each scenario, pinned byte for byte in `Golden/`.
@Suite("EOS config golden files")
struct EOSConfigGoldenTests {
    static let small = DeviceConfigOptions(noHardware: true, tunnelSlotCount: 4)

    @Test("unicast users only (hardware mode, 128 slots, management VRF)")
    func unicastUsers() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("alice", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.10", tunnelId: 500)
        network.addUser(
            "bob", .ibrlWithAllocatedIP, on: "ny5-dz01", clientIp: "45.40.1.11", tunnelId: 502, dzIp: "100.100.0.1")
        let text = try network.configs(DeviceConfigOptions()).render("ny5-dz01")
        try GoldenFile.check(text, against: "unicast-users")
    }

    @Test("multicast publisher and subscriber (no-hardware)")
    func multicastUsers() throws {
        var network = NetworkFixture.threeMetros()
        network.addGroup("mg01", "233.84.178.0")
        network.addGroup("mg02", "233.84.178.2")
        network.addGroup("mg10", "233.84.178.10")
        network.addUser(
            "pub", .multicast, on: "ny5-dz01", clientIp: "45.40.1.20", tunnelId: 500, dzIp: "147.51.126.1",
            publishes: ["mg01"], subscribes: ["mg10", "mg02"])
        network.addUser(
            "sub", .multicast, on: "ny5-dz01", clientIp: "45.40.1.21", tunnelId: 501, subscribes: ["mg10", "mg02"])
        let text = try network.configs(Self.small).render("ny5-dz01")
        try GoldenFile.check(text, against: "multicast-users")
    }

    @Test("multicast users in hardware mode pick the publisher or subscriber ACL")
    func multicastUsersHardware() throws {
        var network = NetworkFixture.threeMetros()
        network.addGroup("mg01", "233.84.178.0")
        network.addUser(
            "pub", .multicast, on: "ny5-dz01", clientIp: "45.40.1.20", tunnelId: 500, dzIp: "147.51.126.1",
            publishes: ["mg01"])
        network.addUser("sub", .multicast, on: "ny5-dz01", clientIp: "45.40.1.21", tunnelId: 501, subscribes: ["mg01"])
        let text = try network.configs(DeviceConfigOptions(tunnelSlotCount: 2)).render("ny5-dz01")
        #expect(text.contains("   description USER-MCAST-500\n   ip access-group SEC-USER-PUB-MCAST-IN in\n"))
        #expect(text.contains("   description USER-MCAST-501\n   ip access-group SEC-USER-SUB-MCAST-IN in\n"))
    }

    @Test("RFC 13: one host's unicast and multicast tunnels on one device, each on its own endpoint")
    func mixedUnicastAndMulticast() throws {
        var network = NetworkFixture.threeMetros()
        network.devices[0].interfaces.append(
            DeviceInterface(
                name: "Loopback100", status: .activated, ipNet: "64.86.249.90/32", userTunnelEndpoint: true))
        network.addGroup("mg01", "233.84.178.0")
        network.addUser("carol-u", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.30", tunnelId: 500)
        network.addUser(
            "carol-m", .multicast, on: "ny5-dz01", clientIp: "45.40.1.30", tunnelId: 501, dzIp: "147.51.126.2",
            tunnelEndpoint: "64.86.249.90", publishes: ["mg01"])
        let text = try network.configs(Self.small).render("ny5-dz01")
        try GoldenFile.check(text, against: "mixed-unicast-multicast")
        #expect(text.contains("interface Tunnel500\n   description USER-UCAST-500\n"))
        #expect(text.contains("   tunnel source 64.86.249.80\n   tunnel destination 45.40.1.30\n"))
        #expect(text.contains("   tunnel source 64.86.249.90\n   tunnel destination 45.40.1.30\n"))
    }

    @Test("RFC 6: metro policy across three exchanges", arguments: ["ny5-dz01", "la2-dz01", "ams-dz001"])
    func metroPolicy(device: String) throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("u-ny", .ibrl, on: "ny5-dz01", clientIp: "45.40.2.1", tunnelId: 500)
        network.addUser("u-la", .ibrl, on: "la2-dz01", clientIp: "45.40.2.2", tunnelId: 500)
        network.addUser("u-ams", .ibrl, on: "ams-dz001", clientIp: "45.40.2.3", tunnelId: 501)
        let text = try network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 2)).render(device)
        try GoldenFile.check(text, against: "metro-\(device)")
        // Every device lists every metro; each tags and filters with its own.
        #expect(
            text.contains(
                """
                ip community-list COMM-ALL_USERS permit 21682:1200
                ip community-list COMM-ALL_MCAST_USERS permit 21682:1300
                ip community-list COMM-XAMS_USERS permit 21682:10002
                ip community-list COMM-XEWR_USERS permit 21682:10001
                ip community-list COMM-XLAX_USERS permit 21682:10000
                !
                """))
    }

    @Test("a drained device: overload bit and every user session shut")
    func drainedDevice() throws {
        var network = NetworkFixture.threeMetros()
        network.devices[0].status = .drained
        network.addGroup("mg01", "233.84.178.0")
        network.addUser("u1", .ibrl, on: "ny5-dz01", clientIp: "45.40.3.1", tunnelId: 500)
        network.addUser("m1", .multicast, on: "ny5-dz01", clientIp: "45.40.3.2", tunnelId: 501, subscribes: ["mg01"])
        let text = try network.configs(Self.small).render("ny5-dz01")
        try GoldenFile.check(text, against: "drained-device")
        #expect(text.contains("   neighbor 169.254.0.1 shutdown\n"))
        #expect(text.contains("   neighbor 169.254.1.1 shutdown\n"))
        #expect(text.contains("   set-overload-bit\n"))
        // A drained device stays everybody's peer.
        let peer = try network.configs(Self.small).render("la2-dz01")
        #expect(peer.contains("description ny5-dz01-ipv4"))
    }

    @Test("links: activated, delay override, soft-drained, hard-drained, provisioning; sub-interfaces, VLANs")
    func drainedLinks() throws {
        var network = NetworkFixture()
        network.addExchange("xewr", community: 10001)
        network.addDevice(
            "ny5-dz01", exchange: "xewr", publicIp: "64.86.249.80",
            interfaces: [
                DeviceInterface(name: "Ethernet2", status: .activated, ipNet: "172.16.2.0/31"),
                DeviceInterface(name: "Ethernet4", status: .activated, ipNet: "172.16.2.2/31"),
                DeviceInterface(name: "Ethernet5", status: .activated, ipNet: "172.16.2.4/31"),
                DeviceInterface(name: "Ethernet6", status: .activated, ipNet: "172.16.2.6/31"),
                DeviceInterface(name: "Ethernet7", status: .activated, ipNet: "172.16.2.8/31"),
                DeviceInterface(name: "Vlan4001", status: .activated, ipNet: "172.16.2.10/31"),
                DeviceInterface(name: "Switch1/1/2.100", status: .activated, vlanId: 100, ipNet: "172.16.2.12/31"),
                DeviceInterface(name: "Ethernet10", status: .unlinked),
            ])
        network.addDevice("ty2-dz01", exchange: "xewr", publicIp: "45.33.100.20")
        network.addLink("ny5-dz01", "Ethernet2", "ty2-dz01", "Ethernet1", delayNs: 40_000_000)
        network.addLink(
            "ny5-dz01", "Ethernet4", "ty2-dz01", "Ethernet2", delayNs: 30_000_000, delayOverrideNs: 500_000_000)
        network.addLink("ny5-dz01", "Ethernet5", "ty2-dz01", "Ethernet3", delayNs: 20_000_000, status: .softDrained)
        network.addLink("ty2-dz01", "Ethernet4", "ny5-dz01", "Ethernet6", delayNs: 8_000_000, status: .hardDrained)
        network.addLink("ny5-dz01", "Ethernet7", "ty2-dz01", "Ethernet5", delayNs: 9_000_000, status: .pending)
        network.addLink("ny5-dz01", "Vlan4001", "ty2-dz01", "Ethernet6", delayNs: 30_000_000)
        network.addLink("ny5-dz01", "Switch1/1/2.100", "ty2-dz01", "Ethernet7", delayNs: 1_500)
        let text = try network.configs(DeviceConfigOptions(noHardware: true, tunnelSlotCount: 1)).render("ny5-dz01")
        try GoldenFile.check(text, against: "drained-links")
        #expect(text.contains("   isis metric 1000000\n   no isis passive\n"))
        #expect(text.contains("   isis metric 8000\n   isis passive\n"))
        #expect(text.contains("   isis metric 500000\n"))
        #expect(
            text.contains(
                "interface Ethernet7\n   mtu 9000\n   no switchport\n   ip address 172.16.2.8/31\n   pim ipv4 sparse-mode\n!\n"
            ))
        #expect(text.contains("interface Switch1/1/2\n   mtu 9000\n   no switchport\n!\n"))
    }

    @Test("a removed user: its slot is only negated, nothing else changes")
    func removedUser() throws {
        var network = NetworkFixture.threeMetros()
        network.addUser("alice", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.10", tunnelId: 500)
        network.addUser("bob", .ibrl, on: "ny5-dz01", clientIp: "45.40.1.11", tunnelId: 501)
        let before = try network.configs(Self.small).render("ny5-dz01")
        network.users[0].status = .deleting
        let after = try network.configs(Self.small).render("ny5-dz01")
        try GoldenFile.check(after, against: "removed-user")

        // Same as a network that never had alice.
        network.users.removeFirst()
        #expect(after == (try network.configs(Self.small).render("ny5-dz01")))
        // The text after is the text before minus exactly alice's definitions, order kept: her tunnel
        // interface (12 lines), BGP session (9), OUT and IN route-map entries (4 + 4), prefix-list
        // entry (1) and ACL (14).
        let beforeLines = before.split(separator: "\n").map(String.init)
        let afterLines = after.split(separator: "\n").map(String.init)
        var removed: [String] = []
        var next = afterLines.startIndex
        for line in beforeLines {
            if next < afterLines.endIndex && afterLines[next] == line {
                next += 1
            } else {
                removed.append(line)
            }
        }
        #expect(next == afterLines.endIndex, "the text after is not the text before with lines removed")
        #expect(removed.count == 12 + 9 + 4 + 4 + 1 + 14, "removed: \(removed)")
        #expect(removed.contains("interface Tunnel500"))
        #expect(removed.contains("      neighbor 169.254.0.1 description USER-500"))
        #expect(removed.contains("route-map RM-USER-500-OUT deny 10"))
        #expect(removed.contains("ip prefix-list PL-USER-500 seq 10 permit 45.40.1.10/32"))
        #expect(removed.contains("ip access-list SEC-USER-500-IN"))
        for line in [
            "default interface Tunnel500", "no route-map RM-USER-500-OUT", "no route-map RM-USER-500-IN",
            "no ip prefix-list PL-USER-500", "no ip access-list SEC-USER-500-IN",
            "no ip access-list standard SEC-USER-MCAST-BOUNDARY-500-OUT",
        ] {
            #expect(after.contains(line + "\n"), "missing \(line)")
        }
        #expect(!after.contains("\ninterface Tunnel500\n"))
        #expect(!after.contains("169.254.0.1"))
    }
}
