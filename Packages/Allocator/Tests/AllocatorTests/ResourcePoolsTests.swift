import Models
import Testing

@testable import Allocator

@Suite("ResourcePools: allocation for the activator")
struct ResourcePoolsTests {
    private typealias F = EntityFixtures

    /// Pools with one device (dz_prefix 100.100.0.0/29) registered.
    private func poolsWithDevice(config: GlobalConfig = F.config()) -> (ResourcePools, Device) {
        var pools = ResourcePools(globalConfig: config)
        let device = F.device(1)
        pools.updateDevice(device)
        return (pools, device)
    }

    @Test("each user type gets its tunnel and the DZ IP its type calls for")
    func userTypes() throws {
        var (pools, device) = poolsWithDevice()
        let ibrl = try pools.allocate(for: F.user(10, .ibrl, on: device.pubkey))
        #expect(ibrl.tunnelNet == "169.254.0.0/31")
        #expect(ibrl.tunnelId == 500)
        #expect(ibrl.dzIp == "8.8.0.10")  // its client IP, nothing allocated
        #expect(ibrl.acquired.count == 2)

        let allocated = try pools.allocate(for: F.user(11, .ibrlWithAllocatedIP, on: device.pubkey))
        #expect(allocated.tunnelNet == "169.254.0.2/31")
        #expect(allocated.tunnelId == 501)
        #expect(allocated.dzIp == "100.100.0.1")  // offset 0 of the dz_prefix is reserved

        let edge = try pools.allocate(for: F.user(12, .edgeFiltering, on: device.pubkey))
        #expect(edge.dzIp == "100.100.0.2")

        let publisher = try pools.allocate(for: F.user(13, .multicast, on: device.pubkey, publishes: true))
        #expect(publisher.dzIp == "147.51.126.0")  // the global publisher pool, never the device prefix (RFC 13)
        #expect(publisher.tunnelId == 503)

        let subscriber = try pools.allocate(for: F.user(14, .multicast, on: device.pubkey, subscribes: true))
        #expect(subscriber.dzIp == "8.8.0.14")
        #expect(subscriber.acquired.map(\.pool) == [.userTunnelBlock, .userTunnelIDs(device: device.pubkey)])

        #expect(pools.utilisation(of: .userTunnelBlock) == PoolUtilisation(allocated: 10, capacity: 65536))
        #expect(pools.utilisation(of: .dzPrefixes(device: device.pubkey)) == PoolUtilisation(allocated: 2, capacity: 7))
        #expect(pools.utilisation(of: .multicastPublisherBlock)?.allocated == 1)
    }

    @Test("tunnel ids are per device: each device starts at 500")
    func tunnelIdsPerDevice() throws {
        var (pools, first) = poolsWithDevice()
        let second = F.device(2, dzPrefixes: ["100.100.1.0/29"])
        pools.updateDevice(second)
        #expect(try pools.allocate(for: F.user(10, .ibrl, on: first.pubkey)).tunnelId == 500)
        #expect(try pools.allocate(for: F.user(11, .ibrl, on: first.pubkey)).tunnelId == 501)
        #expect(try pools.allocate(for: F.user(12, .edgeFiltering, on: second.pubkey)).tunnelId == 500)
        #expect(try pools.allocate(for: F.user(13, .edgeFiltering, on: second.pubkey)).dzIp == "100.100.1.2")
    }

    @Test("DZ IPs spill over the device's dz_prefixes in order, skipping each first address")
    func dzPrefixSpill() throws {
        var pools = ResourcePools(globalConfig: F.config())
        let device = F.device(1, dzPrefixes: ["100.100.0.8/30", "100.100.0.0/31"])
        pools.updateDevice(device)
        var addresses: [IPv4Address] = []
        for byte in UInt8(10)..<14 {
            addresses.append(try pools.allocate(for: F.user(byte, .edgeFiltering, on: device.pubkey)).dzIp)
        }
        #expect(addresses == ["100.100.0.9", "100.100.0.10", "100.100.0.11", "100.100.0.1"])
        let error = #expect(throws: AllocationError.self) {
            try pools.allocate(for: F.user(14, .edgeFiltering, on: device.pubkey))
        }
        #expect(error?.reason == .exhausted)
        #expect(error?.summary == "pool exhausted: dz_prefixes of device dz1 100.100.0.8/30, 100.100.0.0/31")
    }

    @Test("publisher DZ IPs spill over the publisher ranges in order")
    func publisherSpill() throws {
        var (pools, device) = poolsWithDevice(
            config: F.config(publisherBlocks: ["148.51.120.0/31", "147.51.126.0/31"]))
        var addresses: [IPv4Address] = []
        for byte in UInt8(10)..<14 {
            addresses.append(try pools.allocate(for: F.user(byte, .multicast, on: device.pubkey, publishes: true)).dzIp)
        }
        #expect(addresses == ["148.51.120.0", "148.51.120.1", "147.51.126.0", "147.51.126.1"])
        #expect(pools.devices[device.pubkey]?.dzPrefixes.allocatedBlockCount == 0)
    }

    @Test("exhaustion is all or nothing: a failing DZ IP gives back the tunnel /31 and id already taken")
    func allOrNothing() throws {
        var pools = ResourcePools(globalConfig: F.config())
        let device = F.device(1, dzPrefixes: ["100.100.0.0/31"])  // one usable address
        pools.updateDevice(device)
        _ = try pools.allocate(for: F.user(10, .edgeFiltering, on: device.pubkey))
        let before = pools
        let error = #expect(throws: AllocationError.self) {
            try pools.allocate(for: F.user(11, .ibrlWithAllocatedIP, on: device.pubkey))
        }
        #expect(error?.reason == .exhausted)
        #expect(error?.pool == "dz_prefixes of device dz1")
        #expect(pools == before)
        // An IBRL user needs no DZ IP, so it still fits, and takes the very values given back.
        let ibrl = try pools.allocate(for: F.user(12, .ibrl, on: device.pubkey))
        #expect(ibrl.tunnelNet == "169.254.0.2/31")
        #expect(ibrl.tunnelId == 501)
    }

    @Test("an exhausted user tunnel block reads 'pool exhausted: user tunnel block …'")
    func userTunnelBlockExhausted() throws {
        var (pools, device) = poolsWithDevice(config: F.config(userTunnelBlock: "169.254.0.0/30"))
        _ = try pools.allocate(for: F.user(10, .ibrl, on: device.pubkey))
        _ = try pools.allocate(for: F.user(11, .ibrl, on: device.pubkey))
        let error = #expect(throws: AllocationError.self) {
            try pools.allocate(for: F.user(12, .ibrl, on: device.pubkey))
        }
        #expect(error?.summary == "pool exhausted: user tunnel block 169.254.0.0/30")
        #expect(pools.utilisation(of: .userTunnelIDs(device: device.pubkey))?.allocated == 2)
    }

    @Test("a user of a device without pools is refused with unknownPool, and nothing is taken")
    func unknownDevice() throws {
        var pools = ResourcePools(globalConfig: F.config())
        let error = #expect(throws: AllocationError.self) { try pools.allocate(for: F.user(10, .ibrl, on: F.key(99))) }
        #expect(error?.reason == .unknownPool)
        #expect(pools.userTunnelBlock.allocatedBlockCount == 0)
    }

    @Test("values a pending user already carries are kept; a new publisher only gets its publisher DZ IP")
    func reactivation() throws {
        var (pools, device) = poolsWithDevice()
        let first = try pools.allocate(for: F.user(10, .multicast, on: device.pubkey, subscribes: true))
        // Gaining a publisher role sends the user back to pending with its tunnel and client IP as dz_ip.
        let pending = F.user(
            10, .multicast, on: device.pubkey, dzIp: first.dzIp, tunnelId: first.tunnelId, tunnelNet: first.tunnelNet,
            status: .pending, publishes: true, subscribes: true)
        let again = try pools.allocate(for: pending)
        #expect(again.tunnelNet == first.tunnelNet)
        #expect(again.tunnelId == first.tunnelId)
        #expect(again.dzIp == "147.51.126.0")
        #expect(
            again.acquired == [
                ResourceUsage(
                    pool: .multicastPublisherBlock, value: .block("147.51.126.0/32"), holder: .user(F.key(10)))
            ])
    }

    @Test("links take the lowest free /31 and link ids from 1; loopbacks share the block")
    func linksAndLoopbacks() throws {
        var (pools, device) = poolsWithDevice()
        let loopback = try pools.allocate(forLoopback: F.loopback(), on: device.pubkey)
        #expect(loopback.ipNet == "172.16.0.0/32")
        #expect(loopback.nodeSegmentIdx == 1)
        let link = try pools.allocate(for: F.link(20))
        #expect(link.tunnelNet == "172.16.0.2/31")  // the pair 172.16.0.0/31 is broken by the loopback
        #expect(link.tunnelId == 1)
        let ipv4 = try pools.allocate(forLoopback: F.loopback("Loopback256", type: .ipv4), on: device.pubkey)
        #expect(ipv4.ipNet == "172.16.0.1/32")
        #expect(ipv4.nodeSegmentIdx == 0)
        #expect(ipv4.acquired.count == 1)
        let second = try pools.allocate(for: F.link(21))
        #expect(second.tunnelNet == "172.16.0.4/31")
        #expect(second.tunnelId == 2)
        // A loopback whose operator supplied a public address keeps it and takes only a segment id.
        let supplied = try pools.allocate(
            forLoopback: F.loopback("Loopback100", ipNet: "195.0.0.1/32"), on: device.pubkey)
        #expect(supplied.ipNet == "195.0.0.1/32")
        #expect(supplied.nodeSegmentIdx == 2)
        #expect(supplied.acquired.map(\.pool) == [.segmentRoutingIDs])
    }

    @Test("link ids run out after 1024")
    func linkIdsExhausted() throws {
        var pools = ResourcePools(globalConfig: F.config())
        for byte in 0..<1024 {
            _ = try pools.allocate(for: F.link(UInt8(byte % 256)))
        }
        let error = #expect(throws: AllocationError.self) { try pools.allocate(for: F.link(1)) }
        #expect(error?.summary == "pool exhausted: link ids [1, 1025)")
        #expect(pools.deviceTunnelBlock.allocatedBlockCount == 1024)  // the /31 taken first was given back
    }

    @Test("multicast groups take 233.84.178.0, .1, …")
    func multicastGroups() throws {
        var pools = ResourcePools(globalConfig: F.config())
        #expect(try pools.allocate(for: F.group(30)).multicastIp == "233.84.178.0")
        #expect(try pools.allocate(for: F.group(31)).multicastIp == "233.84.178.1")
        let kept = try pools.allocate(for: F.group(32, multicastIp: "233.84.178.9"))
        #expect(kept.multicastIp == "233.84.178.9" && kept.acquired.isEmpty)
    }

    @Test("allocate then release for every kind of entity leaves the pools as they started")
    func roundTrip() throws {
        var (pools, device) = poolsWithDevice()
        let start = pools
        var users: [User] = []
        for (byte, type, publishes) in [
            (UInt8(10), UserType.ibrl, false), (11, .ibrlWithAllocatedIP, false), (12, .edgeFiltering, false),
            (13, .multicast, true), (14, .multicast, false),
        ] {
            var user = F.user(byte, type, on: device.pubkey, publishes: publishes, subscribes: !publishes)
            let allocation = try pools.allocate(for: user)
            user.tunnelNet = allocation.tunnelNet
            user.tunnelId = allocation.tunnelId
            user.dzIp = allocation.dzIp
            user.status = .activated
            users.append(user)
        }
        var link = F.link(20)
        let linkAllocation = try pools.allocate(for: link)
        link.tunnelNet = linkAllocation.tunnelNet
        link.tunnelId = linkAllocation.tunnelId
        link.status = .activated
        var loopback = F.loopback()
        let loopbackAllocation = try pools.allocate(forLoopback: loopback, on: device.pubkey)
        loopback.ipNet = loopbackAllocation.ipNet
        loopback.nodeSegmentIdx = loopbackAllocation.nodeSegmentIdx
        loopback.status = .activated
        var group = F.group(30)
        group.multicastIp = try pools.allocate(for: group).multicastIp
        group.status = .activated
        #expect(pools != start)

        var released: [ResourceUsage] = []
        for user in users { released += pools.release(for: user) }
        released += pools.release(for: link)
        released += pools.release(forInterface: loopback, on: device.pubkey)
        released += pools.release(for: group)
        #expect(released.count == (2 + 3 + 3 + 3 + 2) + 2 + 2 + 1)
        #expect(pools == start)
        // Releasing again changes nothing.
        #expect(users.flatMap { pools.release(for: $0) }.isEmpty)
        #expect(pools.release(for: link).isEmpty)
    }

    @Test("an allocation the ledger refused is given back through its acquired values")
    func giveBackRefused() throws {
        var (pools, device) = poolsWithDevice()
        let start = pools
        let allocation = try pools.allocate(for: F.user(11, .edgeFiltering, on: device.pubkey))
        let released = pools.release(allocation.acquired)
        #expect(released == allocation.acquired)
        #expect(pools == start)
    }

    @Test("release never frees part of another holder's block")
    func releaseIsExact() throws {
        var (pools, device) = poolsWithDevice()
        let link = try pools.allocate(for: F.link(20))  // 172.16.0.0/31
        // A loopback record that (wrongly) claims half of the link's /31 releases nothing.
        let stray = F.loopback(ipNet: "172.16.0.1/32", status: .deleting)
        #expect(pools.release(forInterface: stray, on: device.pubkey).isEmpty)
        #expect(pools.deviceTunnelBlock.isAllocated(link.tunnelNet))
    }

    @Test("a device's new dz_prefixes keep the DZ IPs that still fit; a rejected device loses its pools")
    func deviceUpdates() throws {
        var (pools, device) = poolsWithDevice()
        let user = try pools.allocate(for: F.user(11, .edgeFiltering, on: device.pubkey))  // 100.100.0.1
        var moved = device
        moved.dzPrefixes = ["100.100.5.0/29", "100.100.0.0/28"]
        moved.code = "renamed"
        #expect(pools.updateDevice(moved).isEmpty)
        let pool = try #require(pools.devices[device.pubkey])
        #expect(pool.dzPrefixes.isAllocated("100.100.0.1/32" as IPv4Prefix))
        #expect(pool.dzPrefixes.name == "dz_prefixes of device renamed")
        #expect(pool.userTunnelIDs.name == "tunnel ids of device renamed")
        #expect(pool.userTunnelIDs.isAllocated(UInt32(user.tunnelId)))
        #expect(try pools.allocate(for: F.user(12, .edgeFiltering, on: device.pubkey)).dzIp == "100.100.5.1")

        moved.dzPrefixes = ["100.100.5.0/29"]
        #expect(pools.updateDevice(moved) == ["100.100.0.1/32"])
        moved.status = .rejected
        #expect(pools.updateDevice(moved) == ["100.100.5.1/32"])
        #expect(pools.devices[device.pubkey] == nil)
        #expect(pools.removeDevice(device.pubkey) == nil)
    }

    @Test("a publisher range added to global config extends the pool and keeps what is allocated")
    func globalConfigUpdate() throws {
        var (pools, device) = poolsWithDevice(config: F.config(publisherBlocks: ["147.51.126.0/32"]))
        _ = try pools.allocate(for: F.user(10, .multicast, on: device.pubkey, publishes: true))
        #expect(throws: AllocationError.self) {
            try pools.allocate(for: F.user(11, .multicast, on: device.pubkey, publishes: true))
        }
        let dropped = pools.updateGlobalConfig(F.config(publisherBlocks: ["147.51.126.0/32", "148.51.120.0/21"]))
        #expect(dropped.isEmpty)
        #expect(pools.multicastPublisherBlock.isAllocated("147.51.126.0/32" as IPv4Prefix))
        #expect(
            try pools.allocate(for: F.user(11, .multicast, on: device.pubkey, publishes: true)).dzIp == "148.51.120.0")
        #expect(
            pools.updateGlobalConfig(F.config(publisherBlocks: ["148.51.120.0/21"])) == [
                .multicastPublisherBlock: ["147.51.126.0/32"]
            ])
    }
}
