import ActivatorService
import AppTestSupport
import Allocator
import Ledger
import LedgerTestSupport
import Models
import Testing

/// The activator against an embedded ledger: a mixed population ends activated with unique,
/// in-pool allocations and consistent device counters.
@Suite struct ActivatorPopulationTests {
    /// Devices with loopbacks, links, every user type (multicast publishers and subscribers) and groups.
    @Test func mixedPopulationEndsFullyActivated() async throws {
        let network = try await ActivatorTestNetwork()
        defer { Task { await network.tearDown() } }
        let activator = network.makeActivator()
        let running = start(activator)
        defer { running.cancel() }

        var devices: [PublicKey] = []
        for number in 1...3 { devices.append(try await network.createDevice(UInt8(number))) }
        try await network.waitUntil("the devices are activated") { state in
            devices.allSatisfy { state.devices[$0]?.status == .activated }
        }
        for device in devices { try await network.addInterfaces(to: device) }
        let links = [
            try await network.createLink("l1", devices[0], "Ethernet1/1", devices[1], "Ethernet1/1"),
            try await network.createLink("l2", devices[1], "Ethernet2/1", devices[2], "Ethernet1/1"),
        ]
        let groups = [try await network.createGroup("mg01"), try await network.createGroup("mg02")]
        try await network.waitUntil("the groups are activated") { state in
            groups.allSatisfy { state.multicastGroups[$0]?.status == .activated }
        }
        for group in groups { try await network.allowClient(in: group) }
        var users: [PublicKey] = []
        var number = 0
        for device in devices {
            for type in [UserType.ibrl, .ibrlWithAllocatedIP, .edgeFiltering] {
                number += 1
                users.append(try await network.createUser(type, number: number, on: device))
            }
            for publisher in [true, false] {
                number += 1
                users.append(
                    try await network.createMulticastUser(
                        number: number, on: device, group: groups[number % 2], publisher: publisher))
            }
        }
        try await network.waitUntil("everything is activated") { state in
            users.allSatisfy { state.users[$0]?.status == .activated }
                && links.allSatisfy { state.links[$0]?.status == .activated }
                && devices.allSatisfy { key in
                    state.devices[key]!.interfaces.filter { $0.interfaceType == .loopback }.allSatisfy {
                        $0.status == .activated
                    }
                }
        }
        let state = try await network.state()
        AllocationInvariants.check(state)
        // Loopbacks: a /32 of the device tunnel block each, VPNv4 ones with a segment id.
        for device in devices.compactMap({ state.devices[$0] }) {
            for loopback in device.interfaces where loopback.interfaceType == .loopback {
                let address = try #require(loopback.ipNet)
                #expect(address.length == 32 && IPv4Prefix("172.16.0.0/16").contains(address))
                #expect((loopback.loopbackType == .vpnv4) == (loopback.nodeSegmentIdx > 0))
            }
        }
        // DZ IPs per type: client IP for IBRL and subscribers, publisher pool for publishers, dz_prefix otherwise.
        for user in users.compactMap({ state.users[$0] }) {
            let device = try #require(state.devices[user.device])
            switch user.userType {
            case .ibrl: #expect(user.dzIp == user.clientIp)
            case .ibrlWithAllocatedIP, .edgeFiltering: #expect(device.dzPrefixes.contains { $0.contains(user.dzIp) })
            case .multicast:
                if user.publishers.isEmpty {
                    #expect(user.dzIp == user.clientIp)
                } else {
                    #expect(state.globalConfig!.multicastPublisherBlocks.contains { $0.contains(user.dzIp) })
                }
            }
        }
        try await expectIdleAndLeakFree(activator, network)
    }

    /// Deleted users and groups are closed and their values handed out again.
    @Test func deletionsAreClosedAndValuesReused() async throws {
        let scenario = try await ActivatedDeviceScenario(network: ActivatorTestNetwork())
        defer { scenario.stop() }
        let (network, activator, device) = (scenario.network, scenario.activator, scenario.device)
        var users: [PublicKey] = []
        for number in 0..<6 { users.append(try await network.createUser(.edgeFiltering, number: number, on: device)) }
        let group = try await network.createGroup("mg01")
        try await network.waitUntil("the users and the group are activated") { state in
            users.allSatisfy { state.users[$0]?.status == .activated }
                && state.multicastGroups[group]?.status == .activated
        }
        let before = try await network.state()
        let deleted = [users[1], users[3]]
        let freed = Set(deleted.map { before.users[$0]!.tunnelNet })
        let freedDzIps = Set(deleted.map { before.users[$0]!.dzIp })
        let groupIp = before.multicastGroups[group]!.multicastIp
        for user in deleted { try await network.run([.deleteUser(PubkeyArgs(pubkey: user))]) }
        try await network.run([.deleteMulticastGroup(PubkeyArgs(pubkey: group))])
        try await network.waitUntil("the deleted users and group are closed") { state in
            deleted.allSatisfy { state.users[$0] == nil } && state.multicastGroups[group] == nil
        }
        let replacements = [
            try await network.createUser(.edgeFiltering, number: 100, on: device),
            try await network.createUser(.edgeFiltering, number: 101, on: device),
        ]
        let newGroup = try await network.createGroup("mg02")
        try await network.waitUntil("the replacements are activated") { state in
            replacements.allSatisfy { state.users[$0]?.status == .activated }
                && state.multicastGroups[newGroup]?.status == .activated
        }
        let after = try await network.state()
        #expect(Set(replacements.map { after.users[$0]!.tunnelNet }) == freed)
        #expect(Set(replacements.map { after.users[$0]!.dzIp }) == freedDzIps)
        #expect(after.multicastGroups[newGroup]!.multicastIp == groupIp)
        AllocationInvariants.check(after)
        try await expectIdleAndLeakFree(activator, network)
    }

    /// An exhausted user tunnel block rejects the user with a reason naming the pool.
    @Test func exhaustionRejectsWithTheReason() async throws {
        let scenario = try await ActivatedDeviceScenario(
            network: ActivatorTestNetwork(userTunnelBlock: "169.254.0.0/29"))
        defer { scenario.stop() }
        let (network, activator, device) = (scenario.network, scenario.activator, scenario.device)
        var users: [PublicKey] = []
        for number in 0..<5 { users.append(try await network.createUser(.ibrl, number: number, on: device)) }
        try await network.waitUntil("four users are activated and one rejected") { state in
            let statuses = users.compactMap { state.users[$0]?.status }
            return statuses.filter { $0 == .activated }.count == 4 && statuses.filter { $0 == .rejected }.count == 1
        }
        let state = try await network.state()
        let rejected = try #require(users.compactMap { state.users[$0] }.first { $0.status == .rejected })
        #expect(rejected.rejectReason == "pool exhausted: user tunnel block 169.254.0.0/29")
        AllocationInvariants.check(state)
        try await expectIdleAndLeakFree(activator, network)
    }
    /// A device whose multicast limit drops to 0 while a multicast user is pending rejects that
    /// user with the reason, and still activates its unicast users.
    @Test func deviceWithoutMulticastSlotsRejectsTheUser() async throws {
        let network = try await ActivatorTestNetwork()
        defer { Task { await network.tearDown() } }
        let first = start(network.makeActivator(label: "first"))
        let device = try await network.createDevice(1)
        let group = try await network.createGroup("mg01")
        try await network.allowClient(in: group)
        try await network.waitUntil("the device and the group are activated") {
            $0.devices[device]?.status == .activated && $0.multicastGroups[group]?.status == .activated
        }
        first.cancel()
        _ = await first.result

        let subscriber = try await network.createMulticastUser(number: 1, on: device, group: group, publisher: false)
        let unicast = try await network.createUser(.ibrl, number: 2, on: device)
        try await network.run([.updateDevice(UpdateDeviceArgs(pubkey: device, maxMulticastUsers: 0))])
        #expect(try await network.state().users[subscriber]?.status == .pending)

        let activator = network.makeActivator(label: "second")
        let running = start(activator)
        defer { running.cancel() }
        try await network.waitUntil("the subscriber is rejected and the unicast user activated") {
            $0.users[subscriber]?.status == .rejected && $0.users[unicast]?.status == .activated
        }
        let state = try await network.state()
        #expect(state.users[subscriber]?.rejectReason == "device dz1 has no multicast slots")
        #expect(state.devices[device]?.multicastUsersCount == 0)
        #expect(state.devices[device]?.unicastUsersCount == 1)
        AllocationInvariants.check(state)
        try await expectIdleAndLeakFree(activator, network)
    }
}

/// Waits until `activator` is idle, then expects its pools to match the ledger exactly.
func expectIdleAndLeakFree(
    _ activator: Activator, _ network: ActivatorTestNetwork, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let head = try await network.ledger.headSequence()
    let idle = await eventually(within: .seconds(30)) { await activator.isIdle(through: head) }
    #expect(idle, "the activator did not become idle through log entry \(head)", sourceLocation: sourceLocation)
    let state = try await network.state()
    let snapshot = AllocationInvariants.snapshot(of: state)
    let findings = await activator.auditPools(against: snapshot)
    #expect(
        findings == [],
        "the activator's pools differ from the ledger: \(findings?.count ?? -1) findings, first \(findings?.prefix(3).map(\.description) ?? [])",
        sourceLocation: sourceLocation)
}
