import BGP
import BGPWire
import Models
import Testing

@Suite("Desired kernel routes from BGP events")
struct BGPKernelRouteTableTests {
    let source = IPv4Address(147, 51, 126, 1)
    let device = IPv4Address(169, 254, 0, 0)
    var attributes: BGPPathAttributes {
        BGPPathAttributes(origin: .igp, asPath: [.sequence([65342])], nextHop: device)
    }

    func route(_ prefix: IPv4Prefix, table: UInt32 = 254) -> DesiredKernelRoute {
        DesiredKernelRoute(destination: prefix, gateway: device, source: source, table: table, routeProtocol: 186)
    }

    @Test("IBRL: announce installs in main with proto 186 and src, withdraw and close delete")
    func ibrl() {
        var table = BGPKernelRouteTable(policy: .init(source: source))
        #expect(table.apply(.statusChanged(.up)) == [])
        #expect(
            table.apply(.routesAnnounced(["147.51.126.2/32", "147.51.126.3/32"], attributes))
                == [.replace(route("147.51.126.2/32")), .replace(route("147.51.126.3/32"))])
        #expect(
            table.apply(.routesAnnounced(["147.51.126.2/32"], attributes)) == [], "same route again changes nothing")
        var moved = attributes
        moved.nextHop = IPv4Address(169, 254, 0, 2)
        let movedRoute = DesiredKernelRoute(
            destination: "147.51.126.2/32", gateway: IPv4Address(169, 254, 0, 2), source: source, table: 254,
            routeProtocol: 186)
        #expect(table.apply(.routesAnnounced(["147.51.126.2/32"], moved)) == [.replace(movedRoute)])
        #expect(
            table.apply(.routesWithdrawn(["147.51.126.3/32", "10.0.0.0/8"])) == [.delete(route("147.51.126.3/32"))])
        #expect(table.routes.count == 1)
        #expect(table.apply(.sessionClosed(.holdTimerExpired)) == [.delete(movedRoute)])
        #expect(table.routes.isEmpty)
        #expect(
            route("147.51.126.3/32").description
                == "147.51.126.3/32 via 169.254.0.0 src 147.51.126.1 table 254 proto 186")
    }

    @Test("our own DZ IP echoed back by the peer is never installed, in any table; other routes still are")
    func ownAddressNeverInstalled() {
        let echoed = BGPPathAttributes(origin: .igp, asPath: [.sequence([65342, 65000])], nextHop: device)
        for tableID: UInt32 in [254, 100] {
            var table = BGPKernelRouteTable(policy: .init(table: tableID, source: source))
            #expect(
                table.apply(.routesAnnounced(["147.51.126.1/32", "147.51.126.2/32"], echoed))
                    == [.replace(route("147.51.126.2/32", table: tableID))])
            #expect(table.apply(.routesAnnounced(["147.51.126.1/32"], attributes)) == [])
            #expect(table.routes.keys.sorted { $0.description < $1.description } == ["147.51.126.2/32"])
            #expect(
                table.apply(.routesAnnounced(["147.51.126.0/24"], attributes))
                    == [.replace(route("147.51.126.0/24", table: tableID))], "a covering prefix is not our address")
        }
        var unsourced = BGPKernelRouteTable(policy: .init(source: nil))
        #expect(unsourced.apply(.routesAnnounced(["147.51.126.1/32"], attributes)).count == 1)
    }

    @Test("EdgeFiltering uses table 100; NoUninstall keeps routes; NoInstall ignores everything")
    func policies() {
        var edge = BGPKernelRouteTable(policy: .init(table: 100, source: source))
        #expect(edge.apply(.routesAnnounced(["8.8.8.8/32"], attributes)) == [.replace(route("8.8.8.8/32", table: 100))])
        var keep = BGPKernelRouteTable(policy: .init(source: source, uninstalls: false))
        #expect(keep.apply(.routesAnnounced(["8.8.8.8/32"], attributes)) == [.replace(route("8.8.8.8/32"))])
        #expect(keep.apply(.routesWithdrawn(["8.8.8.8/32"])) == [])
        #expect(keep.apply(.routesAnnounced(["8.8.4.4/32"], attributes)).count == 1)
        #expect(keep.apply(.sessionClosed(.stopped)) == [])
        var none = BGPKernelRouteTable(policy: .init(source: nil, installs: false))
        #expect(none.apply(.routesAnnounced(["8.8.8.8/32"], attributes)) == [])
        #expect(none.routes.isEmpty)
    }
}

@Suite("Speaker defaults and session status")
struct BGPSpeakerDefaultsTests {
    @Test("reconnection waits 1 s doubling to 30 s, without jitter")
    func reconnectBackoff() {
        let backoff = BGPSpeakerConfiguration(remoteASN: 65342, peerAddress: "169.254.0.0").reconnectBackoff
        #expect(backoff == BGPSpeakerConfiguration.defaultReconnectBackoff)
        #expect(
            [1, 2, 3, 5, 6, 100].map { backoff.delay(afterFailures: $0) } == [
                .seconds(1), .seconds(2), .seconds(4), .seconds(16), .seconds(30), .seconds(30),
            ])
    }

    @Test("status strings are upstream's")
    func statusStrings() {
        #expect(
            BGPSessionStatus.allCases.map(\.rawValue) == [
                "Pending BGP Session", "Initializing BGP Session", "BGP Session Up", "BGP Session Down",
                "BGP Session Failed", "Network Unreachable",
            ])
    }
}
