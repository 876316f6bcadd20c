import BGP
import DaemonService
import Ledger
import LongPoll
import Models
import Testing
import Tunnel

/// The reconciler's pure decisions: which ledger users become which services, what changes
/// rebuild a service and which are applied in place, and which host objects each user type gets
/// (`reference/client.md` §2.7, §2.13).
@Suite("Reconciler decisions")
struct ReconcilerDecisionTests {
    static let host: IPv4Address = "185.1.0.1"
    static let owner = Keypair().publicKey

    /// A ledger with two devices in two exchanges, a group, and the given users.
    static func ledger(users: [User]) -> (LedgerState, ams: Device, fra: Device, group: MulticastGroup) {
        var state = LedgerState()
        state.globalConfig = GlobalConfig(
            localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16", userTunnelBlock: "169.254.0.0/16",
            multicastGroupBlock: "233.84.178.0/24")
        let amsExchange = Exchange(
            pubkey: Keypair().publicKey, owner: owner, index: 1, code: "xams", name: "Amsterdam", latitude: 52,
            longitude: 4, bgpCommunity: 10001)
        state.exchanges[amsExchange.pubkey] = amsExchange
        let ams = Device(
            pubkey: Keypair().publicKey, owner: owner, index: 1, code: "ams-dz01", contributor: owner,
            location: owner, exchange: amsExchange.pubkey, publicIp: "64.86.1.1", dzPrefixes: ["64.86.101.0/29"],
            interfaces: [
                DeviceInterface(
                    name: "Loopback100", status: .activated, ipNet: "64.86.1.9/32", userTunnelEndpoint: true)
            ], status: .activated)
        let fra = Device(
            pubkey: Keypair().publicKey, owner: owner, index: 2, code: "fra-dz01", contributor: owner,
            location: owner, exchange: Keypair().publicKey, publicIp: "64.86.2.1", dzPrefixes: ["64.86.102.0/29"],
            status: .activated)
        state.devices[ams.pubkey] = ams
        state.devices[fra.pubkey] = fra
        let group = MulticastGroup(
            pubkey: Keypair().publicKey, owner: owner, index: 1, code: "mg01", multicastIp: "233.84.178.0",
            maxBandwidth: 1_000_000_000, status: .activated)
        state.multicastGroups[group.pubkey] = group
        for user in users { state.users[user.pubkey] = user }
        return (state, ams, fra, group)
    }

    static func user(
        _ type: UserType, device: PublicKey, clientIP: IPv4Address = host, dzIP: IPv4Address = host,
        net: IPv4Prefix = "169.254.0.0/31", endpoint: IPv4Address = .unspecified, status: UserStatus = .activated,
        publishers: [PublicKey] = [], subscribers: [PublicKey] = []
    ) -> User {
        User(
            pubkey: Keypair().publicKey, owner: owner, userType: type, device: device, clientIp: clientIP, dzIp: dzIP,
            tunnelId: 500, tunnelNet: net, tunnelEndpoint: endpoint, status: status, publishers: publishers,
            subscribers: subscribers)
    }

    @Test("an activated IBRL user of this host becomes doublezero0 to the device's public IP, with the ledger's ASNs")
    func ibrlUser() throws {
        var (state, ams, _, _) = Self.ledger(users: [])
        let user = Self.user(.ibrl, device: ams.pubkey)
        state.users[user.pubkey] = user
        let wanted = WantedServices(state: state, clientIP: Self.host)
        let service = try #require(wanted.unicast)
        #expect(wanted.multicast == nil)
        #expect(service.request.tunnelSource == Self.host)
        #expect(service.request.tunnelDestination == "64.86.1.1")
        #expect(service.request.tunnelNet == "169.254.0.0/31")
        #expect(service.request.doubleZeroIP == Self.host)
        #expect(service.request.localASN == 65000 && service.request.remoteASN == 65342)
        #expect(service.request.doubleZeroPrefixes == ["64.86.101.0/29", "64.86.102.0/29"])
        #expect(service.deviceCode == "ams-dz01" && service.metro == "Amsterdam" && service.user == user.pubkey)
    }

    @Test("users of other hosts, and users not activated, are not this host's")
    func otherUsers() {
        let (state0, ams, _, _) = Self.ledger(users: [])
        var state = state0
        for user in [
            Self.user(.ibrl, device: ams.pubkey, clientIP: "185.1.0.2"),
            Self.user(.ibrl, device: ams.pubkey, status: .pending),
            Self.user(.multicast, device: ams.pubkey, status: .deleting),
        ] {
            state.users[user.pubkey] = user
        }
        let wanted = WantedServices(state: state, clientIP: Self.host)
        #expect(wanted.unicast == nil && wanted.multicast == nil)
        #expect(wanted.matchedUsers == [.unicast: 0, .multicast: 0])
    }

    @Test(
        "a multicast user beside an IBRL user: doublezero1 to its own endpoint, groups resolved, subscriber-only has no DZ IP"
    )
    func multicastBesideUnicast() throws {
        var (state, ams, _, group) = Self.ledger(users: [])
        let unicast = Self.user(.ibrl, device: ams.pubkey)
        let multicast = Self.user(
            .multicast, device: ams.pubkey, dzIP: .unspecified, net: "169.254.0.6/31", endpoint: "64.86.1.9",
            subscribers: [group.pubkey, Keypair().publicKey])
        state.users[unicast.pubkey] = unicast
        state.users[multicast.pubkey] = multicast
        let wanted = WantedServices(state: state, clientIP: Self.host) { _ in "10.9.9.9" }
        let service = try #require(wanted.multicast)
        #expect(wanted.unicast?.user == unicast.pubkey)
        #expect(service.request.tunnelDestination == "64.86.1.9")
        #expect(service.request.tunnelSource == "10.9.9.9", "multicast takes the kernel's source toward the device")
        #expect(service.request.doubleZeroIP == nil)
        #expect(service.request.subscriberGroups == ["233.84.178.0"], "the unknown group is skipped")
        #expect(service.request.publisherGroups.isEmpty)
        #expect(service.groupRoles == MulticastGroupRoles(publisher: [], subscriber: ["mg01"]))
    }

    @Test("two unicast users of one host: the first by public key is served, both are counted")
    func twoUnicastUsers() throws {
        var (state, ams, fra, _) = Self.ledger(users: [])
        let first = Self.user(.ibrl, device: ams.pubkey)
        let second = Self.user(.ibrlWithAllocatedIP, device: fra.pubkey, dzIP: "64.86.102.1")
        state.users[first.pubkey] = first
        state.users[second.pubkey] = second
        let wanted = WantedServices(state: state, clientIP: Self.host)
        let chosen = [first, second].min { $0.pubkey.description < $1.pubkey.description }
        #expect(wanted.unicast?.user == chosen?.pubkey)
        #expect(wanted.matchedUsers[.unicast] == 2)
    }

    @Test("a user whose device is gone or whose tunnel net is not a /31 is reported, not served")
    func brokenUsers() {
        var (state, ams, _, _) = Self.ledger(users: [])
        let orphan = Self.user(.ibrl, device: Keypair().publicKey)
        state.users[orphan.pubkey] = orphan
        var wanted = WantedServices(state: state, clientIP: Self.host)
        #expect(wanted.unicast == nil)
        #expect(wanted.problems[orphan.pubkey]?.contains("is not in the ledger") == true)
        state.users[orphan.pubkey] = nil
        let wide = Self.user(.ibrl, device: ams.pubkey, net: "169.254.0.0/30")
        state.users[wide.pubkey] = wide
        wanted = WantedServices(state: state, clientIP: Self.host)
        #expect(wanted.problems[wide.pubkey] == "its tunnel net 169.254.0.0/30 is not a /31")
    }

    // MARK: - Plans

    static let ibrl = ServiceRequest(
        userType: .ibrl, tunnelSource: host, tunnelDestination: "64.86.1.1", tunnelNet: "169.254.0.0/31",
        doubleZeroIP: host, doubleZeroPrefixes: ["64.86.101.0/29"])
    static let subscriber = ServiceRequest(
        userType: .multicast, tunnelSource: host, tunnelDestination: "64.86.1.9", tunnelNet: "169.254.0.6/31",
        doubleZeroIP: nil, subscriberGroups: ["233.84.178.0", "233.84.178.1"])

    @Test("plans: keep, provision, remove, rebuild on any infrastructure change, in place for groups only")
    func plans() {
        #expect(ServicePlan(running: nil, wanted: nil) == .keep)
        #expect(ServicePlan(running: nil, wanted: Self.ibrl) == .provision(Self.ibrl))
        #expect(ServicePlan(running: Self.ibrl, wanted: nil) == .remove)
        #expect(ServicePlan(running: Self.ibrl, wanted: Self.ibrl) == .keep)
        var fleet = Self.ibrl
        fleet.doubleZeroPrefixes.append("64.86.109.0/29")
        #expect(ServicePlan(running: Self.ibrl, wanted: fleet) == .keep, "fleet prefixes do not bounce IBRL")
        var moved = Self.ibrl
        moved.tunnelDestination = "64.86.2.1"
        #expect(ServicePlan(running: Self.ibrl, wanted: moved) == .rebuild(moved))
        var reordered = Self.subscriber
        reordered.subscriberGroups.reverse()
        #expect(ServicePlan(running: Self.subscriber, wanted: reordered) == .keep, "group order does not count")
        var more = Self.subscriber
        more.subscriberGroups.append("233.84.178.2")
        #expect(ServicePlan(running: Self.subscriber, wanted: more) == .updateGroups(more))
        var publisher = Self.subscriber
        publisher.publisherGroups = ["233.84.178.0"]
        publisher.doubleZeroIP = "148.51.120.1"
        #expect(ServicePlan(running: Self.subscriber, wanted: publisher) == .rebuild(publisher), "a publisher flip")
        var edge = Self.ibrl
        edge.userType = .edgeFiltering
        var edgeFleet = edge
        edgeFleet.doubleZeroPrefixes.append("64.86.109.0/29")
        #expect(ServicePlan(running: edge, wanted: edgeFleet) == .rebuild(edgeFleet), "EdgeFiltering routes them")
    }

    // MARK: - Layouts

    @Test("IBRL: base tunnel without the DZ IP, main-table routes with src, no rules")
    func ibrlLayout() {
        let layout = HostServiceLayout(request: Self.ibrl, fallbackSource: Self.host)
        #expect(layout.tunnel.name.rawValue == "doublezero0")
        #expect(layout.tunnel.local == Self.host && layout.tunnel.remote == "64.86.1.1")
        #expect(layout.tunnel.overlayEnds?.local == "169.254.0.1" && layout.tunnel.overlayEnds?.remote == "169.254.0.0")
        #expect(layout.tunnel.dzIP == nil && layout.tunnel.mtu == 1476)
        #expect(layout.routes.isEmpty && layout.rules.isEmpty)
        #expect(layout.announced == ["185.1.0.1/32"])
        #expect(layout.bgp.peerAddress == "169.254.0.0" && layout.bgp.localAddress == "169.254.0.1")
        #expect(layout.bgp.nextHop == "169.254.0.1" && layout.bgp.localASN == 65000 && layout.bgp.remoteASN == 65001)
        #expect(layout.routePolicy == BGPKernelRouteTable.Policy(table: 254, source: Self.host))
    }

    @Test("IBRL with allocated IP: DZ IP on the tunnel, routes never uninstalled")
    func allocatedLayout() {
        var request = Self.ibrl
        request.userType = .ibrlWithAllocatedIP
        request.doubleZeroIP = "64.86.101.2"
        let layout = HostServiceLayout(request: request, fallbackSource: Self.host)
        #expect(layout.tunnel.dzIP == "64.86.101.2")
        #expect(layout.routePolicy.uninstalls == false && layout.routePolicy.installs)
        #expect(layout.announced == ["64.86.101.2/32"])
    }

    @Test("EdgeFiltering: rules 100/101 per prefix, table 101 default with src, learned routes in table 100")
    func edgeFilteringLayout() {
        var request = Self.ibrl
        request.userType = .edgeFiltering
        request.doubleZeroIP = "64.86.101.2"
        request.doubleZeroPrefixes = ["64.86.101.0/29", "64.86.102.0/29"]
        let layout = HostServiceLayout(request: request, fallbackSource: Self.host)
        #expect(layout.tunnel.dzIP == "64.86.101.2")
        #expect(
            layout.rules == [
                PolicyRule(priority: 100, destination: "64.86.101.0/29", table: 100),
                PolicyRule(priority: 101, source: "64.86.101.0/29", table: 101),
                PolicyRule(priority: 100, destination: "64.86.102.0/29", table: 100),
                PolicyRule(priority: 101, source: "64.86.102.0/29", table: 101),
            ])
        #expect(layout.rules.allSatisfy { $0.protocol == .kernel })
        #expect(
            layout.routes == [TunnelRoute(destination: "0.0.0.0/0", source: "64.86.101.2", table: 101, protocol: .boot)]
        )
        #expect(layout.routePolicy.table == 100 && layout.routePolicy.source == "64.86.101.2")
    }

    @Test("Multicast: doublezero1, NoInstall, group routes (published with src, subscribed-only without)")
    func multicastLayout() {
        var request = Self.subscriber
        request.publisherGroups = ["233.84.178.1"]
        request.doubleZeroIP = "148.51.120.1"
        let layout = HostServiceLayout(request: request, fallbackSource: Self.host)
        #expect(layout.tunnel.name.rawValue == "doublezero1" && layout.tunnel.dzIP == "148.51.120.1")
        #expect(layout.routePolicy.installs == false)
        #expect(
            layout.routes == [
                TunnelRoute(destination: "233.84.178.1/32", source: "148.51.120.1"),
                TunnelRoute(destination: "233.84.178.0/32"),
            ])
        #expect(layout.routes.allSatisfy { $0.protocol == .static && $0.table == 254 })
        let subscriberOnly = HostServiceLayout(request: Self.subscriber, fallbackSource: Self.host)
        #expect(subscriberOnly.tunnel.dzIP == nil && subscriberOnly.announced.isEmpty)
    }

    // MARK: - Status

    @Test("lowest latency device: fastest reachable by min RTT, the current one kept within 5 ms")
    func lowestLatency() {
        func row(_ code: String, _ minimum: UInt64, reachable: Bool = true) -> LatencyResult {
            LatencyResult(
                devicePubkey: Self.owner, deviceIP: "64.86.1.1", deviceCode: code, minLatencyNanoseconds: minimum,
                maxLatencyNanoseconds: minimum, averageLatencyNanoseconds: minimum, lossPercentage: 0,
                reachable: reachable)
        }
        let rows = [row("ams", 9_000_000), row("fra", 5_000_000), row("lon", 1_000, reachable: false)]
        #expect(LowestLatencyDevice.choose(from: rows, current: "") == "fra")
        #expect(LowestLatencyDevice.choose(from: rows, current: "ams") == "ams", "4 ms slower: kept")
        #expect(LowestLatencyDevice.choose(from: rows + [row("par", 3_000_000)], current: "ams") == "par")
        #expect(LowestLatencyDevice.choose(from: [row("lon", 1, reachable: false)], current: "lon") == "")
    }

    @Test("status generation: a wait ends on a change, at its timeout, or at once when already behind")
    func statusGeneration() async {
        let generation = ChangeGeneration()
        #expect(await generation.waitForChange(after: 5, timeout: .seconds(10)) == 0, "behind: answers at once")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await generation.waitForChange(after: 0, timeout: .milliseconds(100)) == 0)
        #expect(clock.now - start >= .milliseconds(100))
        let wokenStart = clock.now
        async let woken = generation.waitForChange(after: 0, timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(50))
        generation.bump()
        #expect(await woken == 1)
        #expect(clock.now - wokenStart < .seconds(50), "woken by the bump, not by its 60 s timeout")
        let waiting = Task { await generation.waitForChange(after: 1, timeout: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        #expect(await waiting.value == 1, "cancelled: returns the current value")
    }
}
