import Foundation
import PropertyBased
import Testing

@testable import Models

@Suite struct IPv4AddressTests {
    @Test func formatThenParseIsIdentity() async {
        await propertyCheck(count: 500, input: Gen.uint32()) { value in
            let address = IPv4Address(value)
            #expect(IPv4Address(address.description) == address)
        }
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-1", "01.2.3.4", "1.2.3.4 ", " 1.2.3.4", "1..3.4",
        "a.b.c.d", "1.2.3.4/32", "1000.1.1.1", "+1.2.3.4", "１.2.3.4",
    ])
    func refusesMalformedText(_ text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test func octetsAndBytesAreNetworkOrder() {
        let address: IPv4Address = "169.254.1.2"
        #expect(address.value == 0xA9FE_0102)
        #expect(address.bytes == [169, 254, 1, 2])
        #expect(IPv4Address(169, 254, 1, 2) == address)
    }

    @Test func advancedStopsAtTheTop() {
        #expect(IPv4Address("10.0.0.255").advanced(by: 1) == "10.0.1.0")
        #expect(IPv4Address("255.255.255.255").advanced(by: 1) == nil)
    }

    /// One address inside and the addresses just outside every non-global range.
    @Test func globalClassificationFollowsUpstreamRanges() {
        let nonGlobal: [IPv4Address] = [
            "0.0.0.0", "0.255.255.255", "10.0.0.1", "10.255.255.255", "100.64.0.0", "100.127.255.255",
            "127.0.0.1", "169.254.0.1", "172.16.0.0", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.168.1.1",
            "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.255", "240.0.0.1", "255.255.255.255",
        ]
        let global: [IPv4Address] = [
            "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.0.1.0", "192.0.3.0", "192.167.255.255", "192.169.0.0", "198.18.0.1",
            "198.51.99.255", "203.0.114.0", "223.255.255.255", "147.51.126.1", "148.51.120.0",
        ]
        for address in nonGlobal { #expect(!address.isGlobal, "\(address) must not be global") }
        for address in global { #expect(address.isGlobal, "\(address) must be global") }
    }

    @Test func otherClassifications() {
        #expect(IPv4Address("10.1.2.3").isPrivate)
        #expect(IPv4Address("172.20.0.1").isPrivate)
        #expect(!IPv4Address("172.32.0.1").isPrivate)
        #expect(IPv4Address("169.254.9.9").isLinkLocal)
        #expect(!IPv4Address("169.255.0.0").isLinkLocal)
        #expect(IPv4Address("233.84.178.0").isMulticast)
        #expect(!IPv4Address("240.0.0.0").isMulticast)
        #expect(IPv4Address("127.9.9.9").isLoopback)
    }

    /// Every address of a non-global range is non-global, whatever its host bits.
    @Test func everyAddressOfANonGlobalRangeIsNonGlobal() async {
        let ranges = IPv4Address.nonGlobalRanges
        await propertyCheck(count: 500, input: Gen.int(in: 0..<ranges.count), Gen.uint32()) { index, bits in
            let range = ranges[index]
            let address = IPv4Address(range.networkAddress.value | (bits & ~range.mask))
            #expect(!address.isGlobal)
        }
    }

    @Test func jsonIsTheDottedQuad() throws {
        let data = try JSONEncoder().encode(["a": IPv4Address("203.0.113.5")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"a":"203.0.113.5"}"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IPv4Address].self, from: Data(#"["1.2.3"]"#.utf8))
        }
    }
}
