import Models
import PropertyBased
import Testing

@testable import Allocator

@Suite("ResourceUsage order: the keyed sort")
struct UsageOrderPropertyTests {
    /// Usages over a few pools (global and per device), blocks and ids, and holders that tie.
    private static let usage = zip(
        Gen.int(in: 0...7), Gen.uint32(in: 0...40), Gen.int(in: 24...32), Gen.int(in: 0...3), Gen.int(in: 0...2)
    ).map { pool, number, length, holder, device -> ResourceUsage in
        let deviceKey = PublicKey(uncheckedBytes: [UInt8(device)] + [UInt8](repeating: 7, count: 31))
        let pools: [ResourcePoolID] = [
            .deviceTunnelBlock, .userTunnelBlock, .multicastGroupBlock, .multicastPublisherBlock, .linkIDs,
            .segmentRoutingIDs, .userTunnelIDs(device: deviceKey), .dzPrefixes(device: deviceKey),
        ]
        let id = pools[pool]
        let value: ResourceValue =
            id.holdsAddresses
            ? .block(IPv4Prefix(uncheckedAddress: IPv4Address(10, 0, 0, UInt8(number)), length: UInt8(length)))
            : .id(number)
        let key = PublicKey(uncheckedBytes: [UInt8](repeating: UInt8(holder), count: 32))
        let holders: [ResourceHolder] = [
            .user(key), .link(key), .interface(device: key, name: "Loopback25\(holder)"), .multicastGroup(key),
        ]
        return ResourceUsage(pool: id, value: value, holder: holders[holder])
    }

    @Test("sorting by integer keys gives exactly the order of sorted()")
    func sameOrder() async {
        await propertyCheck(count: 300, input: Self.usage.array(of: 0...80)) { usages in
            #expect(ResourcePools.sorted(usages) == usages.sorted())
        }
    }
}
