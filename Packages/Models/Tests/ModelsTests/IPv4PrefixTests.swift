import Foundation
import PropertyBased
import Testing

@testable import Models

@Suite struct IPv4PrefixTests {
    static let anyPrefix = Gen.uint32()
    static let anyLength = Gen.int(in: 0...32)

    @Test func formatThenParseIsIdentity() async {
        await propertyCheck(count: 500, input: Self.anyPrefix, Self.anyLength) { value, length in
            let prefix = IPv4Prefix(address: IPv4Address(value), length: length)!
            #expect(IPv4Prefix(prefix.description) == prefix)
        }
    }

    @Test(arguments: [
        "10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "/24", "10.0.0/24", "10.0.0.0/24/1",
        "10.0.0.0/ 24",
    ])
    func refusesMalformedText(_ text: String) {
        #expect(IPv4Prefix(text) == nil)
    }

    @Test func containsMatchesTheMaskDefinition() async {
        await propertyCheck(count: 1000, input: Self.anyPrefix, Self.anyLength, Gen.uint32()) { base, length, probe in
            let prefix = IPv4Prefix(address: IPv4Address(base), length: length)!
            let shift = UInt64(32 - length)
            let inside = UInt64(probe) >> shift == UInt64(base) >> shift
            #expect(prefix.contains(IPv4Address(probe)) == inside)
        }
    }

    @Test func networkIsAlignedAndCoversTheAddress() async {
        await propertyCheck(count: 500, input: Self.anyPrefix, Self.anyLength) { base, length in
            let prefix = IPv4Prefix(address: IPv4Address(base), length: length)!
            #expect(prefix.network.isAligned)
            #expect(prefix.contains(prefix.address))
            #expect(prefix.contains(prefix.networkAddress))
            #expect(prefix.contains(prefix.lastAddress))
            #expect(UInt64(prefix.lastAddress.value) - UInt64(prefix.networkAddress.value) + 1 == prefix.size)
            #expect(prefix.address(at: prefix.size) == nil)
            #expect(prefix.address(at: prefix.size - 1) == prefix.lastAddress)
        }
    }

    @Test func halvesOfA31AreTheEvenThenTheOddAddress() async {
        await propertyCheck(count: 500, input: Self.anyPrefix) { base in
            let net = IPv4Prefix(address: IPv4Address(base), length: 31)!
            let halves = try #require(net.halves)
            #expect(halves.lower.value % 2 == 0)
            #expect(halves.upper.value == halves.lower.value + 1)
            #expect(net.contains(halves.lower) && net.contains(halves.upper))
        }
    }

    @Test func onlyA31HasHalves() async {
        await propertyCheck(count: 200, input: Self.anyPrefix, Self.anyLength.filter { $0 != 31 }) { base, length in
            #expect(IPv4Prefix(address: IPv4Address(base), length: length)!.halves == nil)
        }
    }

    @Test func overlapIsSymmetricAndMeansASharedAddress() async {
        await propertyCheck(count: 1000, input: Self.anyPrefix, Self.anyLength, Self.anyPrefix, Self.anyLength) {
            a, la, b, lb in
            let x = IPv4Prefix(address: IPv4Address(a), length: la)!
            let y = IPv4Prefix(address: IPv4Address(b), length: lb)!
            #expect(x.overlaps(y) == y.overlaps(x))
            // Prefixes either nest or are disjoint.
            #expect(x.overlaps(y) == (x.contains(y) || y.contains(x)))
        }
    }

    @Test func containmentOfPrefixes() {
        let block: IPv4Prefix = "172.16.0.0/16"
        #expect(block.contains(IPv4Prefix("172.16.4.0/31")))
        #expect(!block.contains(IPv4Prefix("172.0.0.0/8")))
        #expect(!block.contains(IPv4Prefix("172.17.0.0/31")))
        #expect(IPv4Prefix("0.0.0.0/0").contains(block))
        #expect(IPv4Prefix.unset.isUnset)
        #expect(!IPv4Prefix("203.0.113.5/24").isAligned)
        #expect(IPv4Prefix("203.0.113.5/24").network == "203.0.113.0/24")
    }

    @Test func sizes() {
        #expect(IPv4Prefix("0.0.0.0/0").size == 1 << 32)
        #expect(IPv4Prefix("10.0.0.0/31").size == 2)
        #expect(IPv4Prefix("10.0.0.1/32").size == 1)
        #expect(IPv4Prefix("147.51.126.0/23").size == 512)
    }
}
