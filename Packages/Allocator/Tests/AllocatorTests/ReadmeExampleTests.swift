import Models
import Testing

@testable import Allocator

/// The usage example of README.md, kept compiling and checked.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("the README usage example runs and produces the values its comments state")
    func example() throws {
        var links = IPv4Pool(name: "device tunnel block", ranges: ["172.16.0.0/16"])
        let loopback = try links.allocate(length: 32)
        let link = try links.allocate(length: 31)
        let releasedLoopback = links.release(loopback)
        let releasedHalf = links.release("172.16.0.3/32")
        #expect(loopback == "172.16.0.0/32" && link == "172.16.0.2/31")
        #expect(releasedLoopback && !releasedHalf)

        var dz = IPv4Pool(
            name: "dz_prefixes of device la2-dz01", ranges: ["100.0.0.0/30", "100.0.1.0/29"], reservedOffsets: [0])
        #expect(try dz.allocate(length: 32) == "100.0.0.1/32")

        let config = GlobalConfig(
            localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16", userTunnelBlock: "169.254.0.0/16",
            multicastGroupBlock: "233.84.178.0/24")
        let device = Device(
            pubkey: PublicKey(uncheckedBytes: [UInt8](repeating: 1, count: 32)), owner: .zero, index: 1,
            code: "la2-dz01", contributor: .zero, location: .zero, exchange: .zero, publicIp: "195.0.0.1",
            dzPrefixes: ["100.0.0.0/29"], status: .activated)
        var pools = ResourcePools(snapshot: AllocationSnapshot(globalConfig: config, devices: [device]))
        let user = User(
            pubkey: PublicKey(uncheckedBytes: [UInt8](repeating: 2, count: 32)), owner: .zero,
            userType: .edgeFiltering, device: device.pubkey, clientIp: "8.8.8.8")
        let allocation = try pools.allocate(for: user)
        #expect(
            allocation.tunnelNet == "169.254.0.0/31" && allocation.tunnelId == 500 && allocation.dzIp == "100.0.0.1")
        #expect(pools.release(allocation.acquired).count == 3)
        #expect(pools.audit(AllocationSnapshot(globalConfig: config, devices: [device])).isEmpty)
    }
}
