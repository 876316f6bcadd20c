import Testing

@testable import Models

/// One broken field at a time; each must be refused with its specific code and field.
@Suite struct EntityRuleTests {
    @Test func globalConfigRules() {
        var cases: [(String, GlobalConfig, ErrorCode)] = []
        var c = Fixtures.config()
        c.localAsn = 0
        cases.append(("local asn 0", c, .invalidLocalAsn))
        c = Fixtures.config()
        c.remoteAsn = .max
        cases.append(("remote asn max", c, .invalidRemoteAsn))
        c = Fixtures.config()
        c.deviceTunnelBlock = "44.0.0.0/16"
        cases.append(("public device block", c, .invalidDeviceTunnelBlock))
        c = Fixtures.config()
        c.deviceTunnelBlock = "172.16.0.1/16"
        cases.append(("unaligned device block", c, .invalidDeviceTunnelBlock))
        c = Fixtures.config()
        c.userTunnelBlock = "10.0.0.0/16"
        cases.append(("private user block", c, .invalidTunnelNet))
        c = Fixtures.config()
        c.multicastGroupBlock = "44.0.0.0/24"
        cases.append(("unicast group block", c, .invalidMulticastIp))
        c = Fixtures.config()
        c.multicastPublisherBlocks = ["10.0.0.0/24"]
        cases.append(("private publisher block", c, .invalidDzPrefix))
        c = Fixtures.config()
        c.multicastPublisherBlocks = ["147.51.126.0/23", "147.51.127.0/24"]
        cases.append(("overlapping publisher blocks", c, .invalidDzPrefix))
        c = Fixtures.config()
        c.maxInterfacesPerDevice = 0
        cases.append(("no interfaces allowed", c, .invalidArgument))
        c = Fixtures.config()
        c.nextBgpCommunity = 9999
        cases.append(("community below range", c, .invalidBgpCommunity))
        c = Fixtures.config()
        c.nextBgpCommunity = 11001
        cases.append(("community above range", c, .invalidBgpCommunity))
        for (label, config, code) in cases {
            #expect(programError { try config.validate() }?.code == code, "\(label)")
        }
        #expect(programError { try Fixtures.config().validate() } == nil)
        #expect(Fixtures.config().multicastPublisherBlocks == ["147.51.126.0/23"])
        #expect(Fixtures.config().nextBgpCommunity == 10000)
    }

    @Test func locationAndExchangeRules() {
        var location = Location(
            pubkey: Fixtures.key(1), owner: Fixtures.key(2), index: 1, code: "lax", name: "LA", country: "US",
            latitude: 34, longitude: -118)
        #expect(programError { try location.validate() } == nil)
        location.country = "USA"
        #expect(programError { try location.validate() }?.code == .invalidCountryCode)
        location.country = "US"
        location.latitude = 91
        #expect(programError { try location.validate() }?.code == .invalidLatitude)
        location.latitude = 0
        location.longitude = -180.5
        #expect(programError { try location.validate() }?.code == .invalidLongitude)

        var exchange = Exchange(
            pubkey: Fixtures.key(3), owner: Fixtures.key(2), index: 2, code: "xlax", name: "LA", latitude: 34,
            longitude: -118, bgpCommunity: 10999)
        #expect(programError { try exchange.validate() } == nil)
        for bad: UInt16 in [0, 9999, 11000] {
            exchange.bgpCommunity = bad
            let error = programError { try exchange.validate() }
            #expect(error?.code == .invalidBgpCommunity)
            #expect(error?.field == "bgp_community")
        }
        exchange.bgpCommunity = 10000
        exchange.device1 = Fixtures.key(7)
        exchange.device2 = Fixtures.key(7)
        #expect(programError { try exchange.validate() }?.code == .invalidDevicePubkey)
    }

    @Test func interfaceRules() {
        func check(_ interface: DeviceInterface, _ code: ErrorCode?, _ label: String) {
            #expect(programError { try interface.validate() }?.code == code, "\(label)")
        }
        check(DeviceInterface(name: "Loopback255", status: .pending, loopbackType: .vpnv4), nil, "plain loopback")
        check(DeviceInterface(name: "loopback255", status: .pending), .invalidInterfaceName, "not normalised")
        check(
            DeviceInterface(name: "Loopback1", status: .pending, cyoa: .greOverDIA, bandwidth: 1, ipNet: "44.0.0.1/32"),
            .cyoaRequiresPhysical, "CYOA loopback")
        check(
            DeviceInterface(name: "Ethernet1", status: .unlinked, loopbackType: .vpnv4), .invalidLoopbackType,
            "physical with loopback type")
        check(
            DeviceInterface(name: "Ethernet1", status: .unlinked, cyoa: .greOverDIA, bandwidth: 1), .invalidInterfaceIp,
            "CYOA without address")
        check(
            DeviceInterface(
                name: "Ethernet1", status: .unlinked, cyoa: .greOverDIA, bandwidth: 10, ipNet: "44.0.0.1/30"),
            nil, "CYOA with public address")
        check(
            DeviceInterface(
                name: "Ethernet1", status: .unlinked, cyoa: .greOverDIA, bandwidth: 0, ipNet: "44.0.0.1/30"),
            .invalidBandwidth, "CYOA without bandwidth")
        check(
            DeviceInterface(
                name: "Ethernet1", status: .unlinked, cyoa: .greOverDIA, bandwidth: 1, mtu: 9000,
                ipNet: "44.0.0.1/30"), .invalidMtu, "CYOA with 9000 MTU")
        check(DeviceInterface(name: "Ethernet1", status: .unlinked, mtu: 1500), .invalidMtu, "link interface 1500")
        check(DeviceInterface(name: "Ethernet1", status: .unlinked, vlanId: 4095), .invalidVlanId, "vlan 4095")
        check(
            DeviceInterface(name: "Loopback100", status: .activated, ipNet: "44.0.0.1/32"), .invalidInterfaceIp,
            "public address on an ordinary loopback")
        check(
            DeviceInterface(name: "Loopback100", status: .activated, ipNet: "44.0.0.1/32", userTunnelEndpoint: true),
            nil,
            "public address on a user-tunnel-endpoint loopback")
        check(
            DeviceInterface(name: "Loopback100", status: .activated, ipNet: "172.16.0.1/32", userTunnelEndpoint: true),
            .invalidInterfaceIp, "private user-tunnel endpoint")
        check(DeviceInterface(name: "Ethernet1/1", status: .activated, ipNet: "172.16.0.0/31"), nil, "link address")
    }

    @Test func deviceRules() {
        var device = Fixtures.device()
        #expect(programError { try device.validate() } == nil)
        device.code = "LA2"
        #expect(programError { try device.validate() }?.code == .invalidAccountCode)
        device = Fixtures.device()
        device.dzPrefixes = []
        #expect(programError { try device.validate() }?.code == .noDzPrefixes)
        device.dzPrefixes = ["10.0.0.0/29"]
        #expect(programError { try device.validate() }?.code == .invalidDzPrefix)
        device.dzPrefixes = ["45.0.0.0/29", "45.0.0.4/30"]
        #expect(programError { try device.validate() }?.code == .invalidDzPrefix)
        device = Fixtures.device()
        device.location = .zero
        #expect(programError { try device.validate() }?.code == .invalidLocation)
        device = Fixtures.device()
        device.exchange = .zero
        #expect(programError { try device.validate() }?.code == .invalidExchange)
        device = Fixtures.device()
        device.interfaces = [
            DeviceInterface(name: "Ethernet1", status: .unlinked),
            DeviceInterface(name: "Ethernet1", status: .unlinked),
        ]
        #expect(programError { try device.validate() }?.code == .interfaceAlreadyExists)
        device = Fixtures.device()
        device.mgmtVrf = "mgmt vrf"
        #expect(programError { try device.validate() }?.field == "mgmt_vrf")
    }

    @Test func perTypeSlotsAndEndpoints() {
        var device = Fixtures.device()
        #expect(device.maxUnicastUsers == 48 && device.maxMulticastUsers == 48)
        device.maxMulticastUsers = 0
        #expect(!device.hasFreeSlot(for: .multicast))
        #expect(device.hasFreeSlot(for: .ibrl))
        device.unicastUsersCount = 48
        #expect(!device.hasFreeSlot(for: .edgeFiltering))
        #expect(device.usersCount == 48)
        device.interfaces = [
            DeviceInterface(name: "Loopback101", status: .activated, ipNet: "44.0.0.9/32", userTunnelEndpoint: true),
            DeviceInterface(name: "Loopback102", status: .pending, ipNet: "44.0.0.10/32", userTunnelEndpoint: true),
            DeviceInterface(name: "Loopback255", status: .activated, ipNet: "172.16.0.1/32"),
            DeviceInterface(name: "Ethernet3/1", status: .unlinked, ipNet: "44.0.0.13/30", userTunnelEndpoint: true),
            DeviceInterface(name: "Ethernet4/1", status: .rejected, ipNet: "44.0.0.17/30", userTunnelEndpoint: true),
            DeviceInterface(name: "Ethernet5/1", status: .deleting, ipNet: "44.0.0.21/30", userTunnelEndpoint: true),
        ]
        #expect(device.userTunnelEndpoints == ["44.0.0.1", "44.0.0.9", "44.0.0.13"])
        #expect(device.interface(named: "LOOPBACK255")?.ipNet == "172.16.0.1/32")
    }

    @Test func linkRules() {
        func check(_ change: (inout Link) -> Void, _ code: ErrorCode, _ label: String) {
            var link = Fixtures.link()
            change(&link)
            #expect(programError { try link.validate() }?.code == code, "\(label)")
        }
        #expect(programError { try Fixtures.link().validate() } == nil)
        check({ $0.sideZ = $0.sideA }, .invalidDevicePubkey, "same device")
        check({ $0.bandwidth = 1_000_000_000 }, .invalidBandwidth, "1 Gbps")
        check({ $0.bandwidth = 401_000_000_000 }, .invalidBandwidth, "401 Gbps")
        check({ $0.mtu = 1500 }, .invalidMtu, "mtu")
        check({ $0.delayNs = 9_999 }, .invalidDelay, "delay")
        check({ $0.jitterNs = 1_000_000_001 }, .invalidJitter, "jitter")
        check({ $0.delayOverrideNs = 5 }, .invalidDelay, "override")
        check({ $0.tunnelId = 1025 }, .invalidTunnelId, "tunnel id")
        check({ $0.status = .activated }, .invalidStatus, "activated without allocation")
        check({ $0.sideAIfaceName = "eth0" }, .invalidInterfaceName, "bad interface")
        var link = Fixtures.link(tunnelNet: "172.16.0.0/31")
        link.tunnelId = 1
        link.status = .softDrained
        #expect(programError { try link.validate() } == nil)
    }

    @Test func userRules() {
        func check(_ change: (inout User) -> Void, _ code: ErrorCode, _ label: String) {
            var user = Fixtures.user()
            change(&user)
            #expect(programError { try user.validate() }?.code == code, "\(label)")
        }
        #expect(programError { try Fixtures.user().validate() } == nil)
        check({ $0.clientIp = "192.168.1.1" }, .invalidClientIp, "private client")
        check({ $0.dzIp = "10.0.0.1" }, .invalidDzIp, "private dz ip")
        check({ $0.tunnelId = 499 }, .invalidTunnelId, "tunnel id 499")
        check({ $0.tunnelId = 4596 }, .invalidTunnelId, "tunnel id 4596")
        check({ $0.tunnelEndpoint = "10.0.0.1" }, .invalidTunnelEndpoint, "private endpoint")
        check({ $0.publishers = [Fixtures.key(5)] }, .invalidArgument, "unicast publisher")
        check({ $0.status = .activated }, .invalidStatus, "activated without allocation")
        check({ $0.device = .zero }, .invalidDevicePubkey, "no device")
        var user = Fixtures.user(tunnelNet: "169.254.0.2/31")
        user.tunnelId = 500
        user.dzIp = user.clientIp
        user.status = .activated
        #expect(programError { try user.validate() } == nil)
        #expect(user.deviceOverlayAddress == "169.254.0.2")
        #expect(user.clientOverlayAddress == "169.254.0.3")
    }

    @Test func dzIpAllocationNeeds() {
        var user = Fixtures.user()
        #expect(!user.needsAllocatedDzIp)
        user.userType = .edgeFiltering
        #expect(user.needsAllocatedDzIp)
        user.userType = .multicast
        #expect(!user.needsAllocatedDzIp)
        user.publishers = [Fixtures.key(5)]
        #expect(user.needsAllocatedDzIp)
    }

    @Test func multicastGroupAndAccessPassRules() {
        var group = MulticastGroup(
            pubkey: Fixtures.key(5), owner: Fixtures.key(2), index: 1, code: "mg01", maxBandwidth: 1)
        #expect(programError { try group.validate() } == nil)
        group.multicastIp = "44.0.0.1"
        #expect(programError { try group.validate() }?.code == .invalidMulticastIp)
        group.multicastIp = .unspecified
        group.maxBandwidth = 0
        #expect(programError { try group.validate() }?.code == .invalidMaxBandwidth)
        group.maxBandwidth = 1
        group.subscriberAllowlist = [Fixtures.key(1), Fixtures.key(1)]
        #expect(programError { try group.validate() }?.code == .invalidArgument)

        var pass = AccessPass(
            pubkey: Fixtures.key(6), owner: Fixtures.key(2), clientIp: "44.1.2.3", userPayer: Fixtures.key(9))
        #expect(programError { try pass.validate() } == nil)
        pass.accessPassType = .solanaValidator
        #expect(programError { try pass.validate() }?.code == .invalidSolanaPubkey)
        pass.typeKey = Fixtures.key(4)
        #expect(programError { try pass.validate() } == nil)
        pass.clientIp = "10.1.1.1"
        #expect(programError { try pass.validate() }?.code == .invalidClientIp)
    }

    @Test func accessPassAdmission() {
        var pass = AccessPass(
            pubkey: Fixtures.key(6), owner: Fixtures.key(2), clientIp: "44.1.2.3", userPayer: Fixtures.key(9),
            lastAccessEpoch: 10)
        #expect(pass.admits(.ibrl, from: "44.1.2.3", atEpoch: 10))
        #expect(!pass.admits(.ibrl, from: "44.1.2.3", atEpoch: 11))
        #expect(pass.admits(.multicast, from: "44.1.2.3", atEpoch: 11))
        #expect(!pass.admits(.ibrl, from: "44.1.2.4", atEpoch: 1))
        pass.allowMultipleIp = true
        #expect(pass.admits(.ibrl, from: "44.1.2.4", atEpoch: 1))
        pass.lastAccessEpoch = 0
        #expect(!pass.admits(.ibrl, from: "44.1.2.3", atEpoch: 1))
    }

    @Test func entitySeedsAreDistinctAndStable() {
        let seeds: [EntitySeed] = [
            .globalState, .globalConfig, .location(index: 1), .exchange(index: 1), .contributor(index: 1),
            .device(index: 1), .link(index: 1), .multicastGroup(index: 1), .location(index: 2),
            .user(clientIp: "44.1.2.3", userType: .ibrl), .user(clientIp: "44.1.2.3", userType: .multicast),
            .accessPass(clientIp: "44.1.2.3", userPayer: Fixtures.key(9)),
            .accessPass(clientIp: .unspecified, userPayer: Fixtures.key(9)),
        ]
        #expect(Set(seeds.map(\.bytes)).count == seeds.count)
        #expect(
            EntitySeed.location(index: 258).bytes == Array("doublezerolocation".utf8) + [2, 1]
                + [UInt8](repeating: 0, count: 14))
        #expect(EntitySeed.user(clientIp: "1.2.3.4", userType: .multicast).bytes.suffix(5) == [1, 2, 3, 4, 3])
    }
}
