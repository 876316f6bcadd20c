import DeviceTestSupport
import Models
import Routing
import Testing

/// The bgpd configuration the fixture renders for one unicast and one multicast user.
@Suite("FRR device configuration")
struct FRRConfigurationTests {
    static let unicast = DeviceUserTunnel(
        id: 500, deviceEndpoint: "198.51.100.1", clientUnderlay: "198.51.100.2", overlay: "169.254.0.0/31",
        dzIP: "198.51.100.2")
    static let subscriber = DeviceUserTunnel(
        id: 501, deviceEndpoint: "198.51.100.1", clientUnderlay: "198.51.100.3", overlay: "169.254.0.2/31",
        dzIP: nil, kind: .multicastSubscriber)
    static let configuration = FRRConfiguration(
        settings: FRRDeviceSettings(
            routerID: "10.100.0.1", loopbacks: ["10.100.0.1/32"], exchangeCommunity: 10001,
            userTunnels: [unicast, subscriber]),
        hostname: "dz1")

    @Test(
        "a unicast user: passive neighbor 65000 with timers 1 3, DZ IP /32 with a one-AS path tagged 21682:1200 + metro in, users' and own routes out"
    )
    func unicastUser() {
        let lines = Self.configuration.bgpd.split(separator: "\n").map(String.init)
        for expected in [
            "router bgp 65342", " bgp router-id 10.100.0.1", "  network 10.100.0.1/32",
            "ip prefix-list PL-DEVICE-OWN permit 10.100.0.1/32",
            "bgp as-path access-list AS-PATH-ONE-AS seq 5 permit ^[0-9]+$",
            "ip prefix-list PL-USER-500 seq 10 permit 198.51.100.2/32",
            "route-map RM-USER-500-IN permit 10", " match ip address prefix-list PL-USER-500",
            " match as-path AS-PATH-ONE-AS", " set community 21682:1200 21682:10001",
            "route-map RM-USER-500-OUT permit 20", " match community COMM-ALL_USERS",
            "route-map RM-USER-500-OUT permit 30", " match ip address prefix-list PL-DEVICE-OWN",
            " neighbor 169.254.0.1 remote-as 65000", " neighbor 169.254.0.1 passive",
            " neighbor 169.254.0.1 timers 1 3", "  neighbor 169.254.0.1 maximum-prefix 1",
            "  neighbor 169.254.0.1 route-map RM-USER-500-IN in",
            "  neighbor 169.254.0.1 route-map RM-USER-500-OUT out",
        ] {
            #expect(lines.contains(expected), "missing `\(expected)`")
        }
        #expect(!lines.contains("route-map RM-USER-500-OUT deny 10"), "no metro filter for unicast")
    }

    @Test("a subscriber-only multicast user: nothing accepted, 21682:1300 out, own metro denied first")
    func multicastSubscriber() {
        let lines = Self.configuration.userTunnelLines(Self.subscriber)
        #expect(lines.contains("ip prefix-list PL-USER-501 seq 10 deny 0.0.0.0/0 le 32"))
        #expect(lines.contains(" set community 21682:1300 21682:10001"))
        #expect(
            Array(lines.drop { $0 != "route-map RM-USER-501-OUT deny 10" }.prefix(5)) == [
                "route-map RM-USER-501-OUT deny 10", " match community COMM-METRO_USERS", "exit",
                "route-map RM-USER-501-OUT permit 20", " match community COMM-ALL_MCAST_USERS",
            ])
    }

    @Test("announcing with communities uses a route-map of its own; withdrawing drops both")
    func announcementAndWithdrawal() {
        let announce = Self.configuration.announcementLines("10.20.0.0/16", communities: [.allUsers])
        #expect(announce.contains("route-map RM-ANNOUNCE-10-20-0-0-16 permit 10"))
        #expect(announce.contains("  network 10.20.0.0/16 route-map RM-ANNOUNCE-10-20-0-0-16"))
        #expect(announce.contains("ip prefix-list PL-DEVICE-OWN permit 10.20.0.0/16"))
        let withdraw = Self.configuration.withdrawalLines("10.20.0.0/16", hadCommunities: true)
        #expect(withdraw.contains("  no network 10.20.0.0/16"))
        #expect(withdraw.contains("no ip prefix-list PL-DEVICE-OWN permit 10.20.0.0/16"))
        #expect(withdraw.last == "no route-map RM-ANNOUNCE-10-20-0-0-16")
    }
}
