import Models
import PropertyBased
import Testing

@testable import Allocator

@Suite("ResourcePools: rebuild from the ledger and audit")
struct ResourcePoolsRebuildTests {
    private typealias F = EntityFixtures

    /// A mixed population in every status that matters: what holds and what does not.
    private static func mixedPopulation() -> AllocationSnapshot {
        let d1 = F.device(
            1, dzPrefixes: ["100.100.0.0/29"],
            interfaces: [
                F.loopback("Loopback255", ipNet: "172.16.0.0/32", nodeSegmentIdx: 1, status: .activated),
                F.loopback("Loopback256", type: .ipv4, ipNet: "172.16.0.1/32", status: .activated),
                // A user-tunnel-endpoint loopback with a supplied public address: not pool-managed.
                F.loopback("Loopback100", type: .none, ipNet: "195.0.0.1/32", status: .activated),
                // Side A of link 20: half of the link's /31, which the link holds.
                DeviceInterface(name: "Ethernet1", status: .activated, ipNet: "172.16.0.2/31"),
                // Rejected: holds nothing even with a leftover address.
                F.loopback("Loopback300", type: .ipv4, ipNet: "172.16.0.9/32", status: .rejected),
            ])
        let d2 = F.device(2, dzPrefixes: ["100.100.1.0/29"], interfaces: [F.loopback("Loopback255")], status: .drained)
        let d3 = F.device(3, dzPrefixes: ["100.100.2.0/29"], status: .rejected)
        let k1 = d1.pubkey
        let k2 = d2.pubkey
        return AllocationSnapshot(
            globalConfig: F.config(),
            devices: [d1, d2, d3],
            links: [
                F.link(20, tunnelId: 1, tunnelNet: "172.16.0.2/31", status: .activated),
                F.link(21, tunnelId: 2, tunnelNet: "172.16.0.4/31", status: .softDrained),
                F.link(22, tunnelId: 3, tunnelNet: "172.16.0.6/31", status: .deleting),
                F.link(23),
                F.link(24, tunnelId: 4, tunnelNet: "172.16.0.8/31", status: .rejected),
            ],
            users: [
                F.user(
                    10, .ibrl, on: k1, dzIp: "8.8.0.10", tunnelId: 500, tunnelNet: "169.254.0.0/31", status: .activated),
                F.user(
                    11, .ibrlWithAllocatedIP, on: k1, dzIp: "100.100.0.1", tunnelId: 501, tunnelNet: "169.254.0.2/31",
                    status: .activated),
                F.user(
                    12, .edgeFiltering, on: k2, dzIp: "100.100.1.1", tunnelId: 500, tunnelNet: "169.254.0.4/31",
                    status: .suspended),
                F.user(
                    13, .multicast, on: k1, dzIp: "147.51.126.0", tunnelId: 502, tunnelNet: "169.254.0.6/31",
                    status: .activated, publishes: true),
                F.user(
                    14, .multicast, on: k2, dzIp: "8.8.0.14", tunnelId: 501, tunnelNet: "169.254.0.8/31",
                    status: .deleting, subscribes: true),
                F.user(15, .ibrl, on: k1, status: .banned),
                F.user(
                    16, .edgeFiltering, on: k1, dzIp: "100.100.0.5", tunnelId: 509, tunnelNet: "169.254.0.10/31",
                    status: .rejected),
                F.user(17, .edgeFiltering, on: k1),
                // A publisher re-activation: pending, keeping its tunnel, client IP as dz_ip.
                F.user(
                    18, .multicast, on: k2, dzIp: "8.8.0.18", tunnelId: 502, tunnelNet: "169.254.0.12/31",
                    status: .pending, publishes: true),
            ],
            multicastGroups: [
                F.group(30, multicastIp: "233.84.178.0", status: .activated),
                F.group(31, multicastIp: "233.84.178.1", status: .deleting),
                F.group(32),
                F.group(33, multicastIp: "233.84.178.2", status: .rejected),
                F.group(34, multicastIp: "233.84.178.5", status: .suspended),
            ])
    }

    @Test("rebuild holds exactly what non-rejected entities carry")
    func rebuildMixedPopulation() throws {
        let snapshot = Self.mixedPopulation()
        let pools = ResourcePools(snapshot: snapshot)
        let k1 = F.key(1)
        let k2 = F.key(2)
        #expect(pools.devices.keys.sorted() == [k1, k2])
        #expect(
            pools.deviceTunnelBlock.allocatedBlocks == [
                "172.16.0.0/32", "172.16.0.1/32", "172.16.0.2/31", "172.16.0.4/31", "172.16.0.6/31",
            ])
        #expect(pools.linkIDs.allocatedIDs == [1, 2, 3])
        #expect(pools.segmentRoutingIDs.allocatedIDs == [1])
        #expect(
            pools.userTunnelBlock.allocatedBlocks == [
                "169.254.0.0/31", "169.254.0.2/31", "169.254.0.4/31", "169.254.0.6/31", "169.254.0.8/31",
                "169.254.0.12/31",
            ])
        #expect(pools.devices[k1]?.userTunnelIDs.allocatedIDs == [500, 501, 502])
        #expect(pools.devices[k2]?.userTunnelIDs.allocatedIDs == [500, 501, 502])
        #expect(pools.devices[k1]?.dzPrefixes.allocatedBlocks == ["100.100.0.1/32"])
        #expect(pools.devices[k2]?.dzPrefixes.allocatedBlocks == ["100.100.1.1/32"])
        #expect(pools.multicastPublisherBlock.allocatedBlocks == ["147.51.126.0/32"])
        #expect(pools.multicastGroupBlock.allocatedBlocks == ["233.84.178.0/32", "233.84.178.1/32", "233.84.178.5/32"])
        #expect(pools.audit(snapshot) == [])
        #expect(pools.poolIDs.count == 6 + 2 * 2)
    }

    @Test("after a rebuild, pending entities get the lowest values nobody holds")
    func allocateAfterRebuild() throws {
        let snapshot = Self.mixedPopulation()
        var pools = ResourcePools(snapshot: snapshot)
        let pendingUser = snapshot.users.first { $0.pubkey == F.key(17) }!
        let user = try pools.allocate(for: pendingUser)
        #expect(user.tunnelNet == "169.254.0.10/31")  // the rejected user's leftover is free
        #expect(user.tunnelId == 503)
        #expect(user.dzIp == "100.100.0.2")

        let reactivated = try pools.allocate(for: snapshot.users.first { $0.pubkey == F.key(18) }!)
        #expect(reactivated.tunnelNet == "169.254.0.12/31" && reactivated.tunnelId == 502)
        #expect(reactivated.dzIp == "147.51.126.1")

        let loopback = try pools.allocate(forLoopback: F.loopback(), on: F.key(2))
        #expect(loopback.ipNet == "172.16.0.8/32")  // the rejected link's and loopback's leftovers are free
        #expect(loopback.nodeSegmentIdx == 2)
        let link = try pools.allocate(for: snapshot.links.first { $0.pubkey == F.key(23) }!)
        #expect(link.tunnelNet == "172.16.0.10/31")  // the loopback broke the pair 172.16.0.8/31
        #expect(link.tunnelId == 4)
        #expect(try pools.allocate(for: F.group(32)).multicastIp == "233.84.178.2")
    }

    @Test(
        "audit lists duplicates, values outside their pool, reserved addresses, unknown devices, leaks and unmarked values"
    )
    func auditFindings() throws {
        let device = F.device(
            1, dzPrefixes: ["100.100.0.0/29"],
            interfaces: [
                // Inside the /31 of link 20: a duplicate usage.
                F.loopback("Loopback255", ipNet: "172.16.0.1/32", nodeSegmentIdx: 7, status: .activated)
            ])
        let k1 = device.pubkey
        let snapshot = AllocationSnapshot(
            globalConfig: F.config(),
            devices: [device],
            links: [
                F.link(20, tunnelId: 1, tunnelNet: "172.16.0.0/31", status: .activated),
                F.link(21, tunnelId: 1, tunnelNet: "10.9.0.0/31", status: .activated),
            ],
            users: [
                F.user(
                    10, .ibrl, on: k1, dzIp: "8.8.0.10", tunnelId: 500, tunnelNet: "169.254.0.0/31", status: .activated),
                F.user(
                    11, .ibrl, on: k1, dzIp: "8.8.0.11", tunnelId: 501, tunnelNet: "169.254.0.0/31", status: .activated),
                F.user(
                    12, .edgeFiltering, on: k1, dzIp: "100.100.0.0", tunnelId: 502, tunnelNet: "169.254.0.2/31",
                    status: .activated),
                // A publisher whose DZ IP came from the device prefix: outside the publisher pool (RFC 13).
                F.user(
                    13, .multicast, on: k1, dzIp: "100.100.0.3", tunnelId: 503, tunnelNet: "169.254.0.4/31",
                    status: .activated, publishes: true),
                F.user(
                    14, .ibrl, on: F.key(99), dzIp: "8.8.0.14", tunnelId: 500, tunnelNet: "169.254.0.6/31",
                    status: .activated),
            ],
            multicastGroups: [F.group(30, multicastIp: "239.1.1.1", status: .activated)])
        // The one-pass rebuild-and-audit a monitor runs gives what the two steps give.
        let combined = ResourcePools.rebuiltAndAudited(snapshot)
        #expect(combined.findings == ResourcePools(snapshot: snapshot).audit(snapshot))
        #expect(combined.findings.contains { $0.kind == .duplicateUsage })
        #expect(combined.pools == ResourcePools(snapshot: snapshot))
        var pools = ResourcePools(snapshot: snapshot)
        // A leak: taken by an activation the ledger never recorded.
        let leaked = try pools.allocate(for: F.group(31))
        // And a value the entities hold that the pools lost.
        pools.release(ResourceUsage(pool: .userTunnelBlock, value: .block("169.254.0.2/31"), holder: .user(F.key(12))))

        let findings = pools.audit(snapshot)
        let expected: [AllocationFinding] = [
            AllocationFinding(
                .usedOutsidePool, pool: .deviceTunnelBlock, value: .block("10.9.0.0/31"), holders: [.link(F.key(21))]),
            AllocationFinding(
                .duplicateUsage, pool: .deviceTunnelBlock, value: .block("172.16.0.0/31"),
                holders: [.link(F.key(20)), .interface(device: k1, name: "Loopback255")]),
            AllocationFinding(
                .duplicateUsage, pool: .userTunnelBlock, value: .block("169.254.0.0/31"),
                holders: [.user(F.key(10)), .user(F.key(11))]),
            AllocationFinding(
                .usedButNotAllocated, pool: .userTunnelBlock, value: .block("169.254.0.2/31"),
                holders: [.user(F.key(12))]),
            AllocationFinding(.allocatedButNotUsed, pool: .multicastGroupBlock, value: .block("233.84.178.0/32")),
            AllocationFinding(
                .usedOutsidePool, pool: .multicastGroupBlock, value: .block("239.1.1.1/32"),
                holders: [.multicastGroup(F.key(30))]),
            AllocationFinding(
                .usedOutsidePool, pool: .multicastPublisherBlock, value: .block("100.100.0.3/32"),
                holders: [.user(F.key(13))]),
            AllocationFinding(
                .duplicateUsage, pool: .linkIDs, value: .id(1), holders: [.link(F.key(20)), .link(F.key(21))]),
            AllocationFinding(
                .usesReservedAddress, pool: .dzPrefixes(device: k1), value: .block("100.100.0.0/32"),
                holders: [.user(F.key(12))]),
            AllocationFinding(
                .unknownPool, pool: .userTunnelIDs(device: F.key(99)), value: .id(500), holders: [.user(F.key(14))]),
        ]
        #expect(leaked.multicastIp == "233.84.178.0")
        #expect(findings == expected)
        #expect(
            findings[1].description.hasPrefix("duplicateUsage: 172.16.0.0/31 in device tunnel block is held by link "))
        #expect(
            findings[4].description == "allocatedButNotUsed: 233.84.178.0/32 in multicast group block is held by nobody"
        )
    }

    @Test("pools that were never rebuilt find every held value unmarked")
    func auditEmptyPools() {
        let snapshot = Self.mixedPopulation()
        var pools = ResourcePools(globalConfig: snapshot.globalConfig)
        for device in snapshot.devices { pools.updateDevice(device) }
        let findings = pools.audit(snapshot)
        #expect(Set(findings.map(\.kind)) == [.usedButNotAllocated])
        #expect(findings.count == pools.usages(in: snapshot).count)
        #expect(ResourcePools(snapshot: snapshot).audit(snapshot).isEmpty)
    }
}

/// One step of a simulated activator run.
private struct ActivatorStep: CustomStringConvertible {
    /// 0...4 create a user of a type (4 = multicast publisher), 5 a link, 6 a loopback, 7 a group, 8...9 delete.
    let action: Int
    /// Which device, or which entity to delete.
    let pick: Int

    var description: String { "action \(action) pick \(pick)" }
}

@Suite("ResourcePools properties")
struct ResourcePoolsPropertyTests {
    private typealias F = EntityFixtures

    private static let steps = zip(Gen.int(in: 0...9), Gen.int(in: 0...1000))
        .map { ActivatorStep(action: $0, pick: $1) }
        .array(of: 0...120)

    @Test("an activator run never hands out a value twice, and a rebuild from its ledger equals its pools")
    func activatorRun() async {
        await propertyCheck(count: 60, input: Self.steps) { steps in
            // Small blocks so that exhaustion and reuse happen often.
            let config = F.config(
                deviceTunnelBlock: "172.16.0.0/27", userTunnelBlock: "169.254.0.0/26",
                multicastGroupBlock: "233.84.178.0/29", publisherBlocks: ["147.51.126.0/30", "148.51.120.0/31"])
            var devices = [
                F.device(1, dzPrefixes: ["100.100.0.0/30", "100.100.0.8/31"]),
                F.device(2, dzPrefixes: ["100.100.1.0/29"]),
            ]
            var pools = ResourcePools(globalConfig: config)
            for device in devices { pools.updateDevice(device) }
            var users: [User] = []
            var links: [Link] = []
            var groups: [MulticastGroup] = []
            var serial: UInt8 = 0  // at most 120 steps, so every entity gets its own
            func nextSerial() -> UInt8 {
                serial += 1
                return serial
            }
            func freshKey(_ kind: UInt8) -> PublicKey {
                PublicKey(uncheckedBytes: [kind, nextSerial()] + [UInt8](repeating: 0, count: 30))
            }
            var snapshot: AllocationSnapshot {
                AllocationSnapshot(
                    globalConfig: config, devices: devices, links: links, users: users, multicastGroups: groups)
            }

            for step in steps {
                switch step.action {
                case 0...4:
                    let types: [UserType] = [.ibrl, .ibrlWithAllocatedIP, .edgeFiltering, .multicast, .multicast]
                    var user = F.user(
                        0, types[step.action], on: devices[step.pick % 2].pubkey, publishes: step.action == 4,
                        subscribes: step.action == 3)
                    user.pubkey = freshKey(1)
                    user.clientIp = IPv4Address(8, 8, 0, serial)
                    let before = pools
                    if let allocation = try? pools.allocate(for: user) {
                        user.tunnelNet = allocation.tunnelNet
                        user.tunnelId = allocation.tunnelId
                        user.dzIp = allocation.dzIp
                        user.status = .activated
                        users.append(user)
                    } else {
                        #expect(pools == before, "a failed allocation changed the pools")
                    }
                case 5:
                    var link = F.link(0)
                    link.pubkey = freshKey(2)
                    if let allocation = try? pools.allocate(for: link) {
                        link.tunnelNet = allocation.tunnelNet
                        link.tunnelId = allocation.tunnelId
                        link.status = .activated
                        links.append(link)
                    }
                case 6:
                    let index = step.pick % 2
                    var loopback = F.loopback("Loopback\(nextSerial())", type: step.pick % 3 == 0 ? .ipv4 : .vpnv4)
                    if let allocation = try? pools.allocate(forLoopback: loopback, on: devices[index].pubkey) {
                        loopback.ipNet = allocation.ipNet
                        loopback.nodeSegmentIdx = allocation.nodeSegmentIdx
                        loopback.status = .activated
                        devices[index].interfaces.append(loopback)
                    }
                case 7:
                    var group = F.group(0)
                    group.pubkey = freshKey(3)
                    if let allocation = try? pools.allocate(for: group) {
                        group.multicastIp = allocation.multicastIp
                        group.status = .activated
                        groups.append(group)
                    }
                default:
                    // Close something: release its values and drop it from the ledger.
                    let total = users.count + links.count + groups.count
                    guard total > 0 else { continue }
                    var index = step.pick % total
                    if index < users.count {
                        #expect(!pools.release(for: users.remove(at: index)).isEmpty)
                        continue
                    }
                    index -= users.count
                    if index < links.count {
                        #expect(pools.release(for: links.remove(at: index)).count == 2)
                        continue
                    }
                    index -= links.count
                    #expect(pools.release(for: groups.remove(at: index)).count == 1)
                }
                // No value is held twice by live entities.
                let usages = pools.usages(in: snapshot)
                let addresses = usages.compactMap { usage -> [String]? in
                    guard let block = usage.value.block else { return nil }
                    return (0..<UInt32(block.size)).map { "\(usage.pool) \(IPv4Address(block.address.value + $0))" }
                }.flatMap { $0 }
                #expect(Set(addresses).count == addresses.count, "an address is held twice after \(step)")
                let ids = usages.compactMap { usage in usage.value.id.map { "\(usage.pool) \($0)" } }
                #expect(Set(ids).count == ids.count, "an id is held twice after \(step)")
            }
            #expect(pools.audit(snapshot) == [])
            #expect(ResourcePools(snapshot: snapshot) == pools)
            // The ledger refuses nothing the activator would propose: every value lies in its block.
            for user in users {
                #expect(config.userTunnelBlock.contains(user.tunnelNet))
                if user.userType == .multicast && user.isPublisher {
                    #expect(config.multicastPublisherBlocks.contains { $0.contains(user.dzIp) })
                }
            }
        }
    }
}
