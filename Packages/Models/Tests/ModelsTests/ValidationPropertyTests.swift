import PropertyBased
import Testing

@testable import Models

/// Property tests of the validation rules: each bad input is refused with its specific code.
@Suite struct ValidationPropertyTests {
    static let codeCharacters = Gen.letterOrNumber
    static let goodCode = Gen.letterOrNumber.string(of: 1...32)
    static let badCharacter = Gen.character(in: " "..."/")
        .filter { $0 != "-" }  // '-' is allowed; the rest of " !\"#$%&'()*+,./" is not

    @Test func goodCodesPass() async {
        await propertyCheck(count: 300, input: Self.goodCode) { code in
            #expect(programError { try AccountCode.validate(code) } == nil)
        }
    }

    @Test func codesWithAForbiddenCharacterAreRefused() async {
        await propertyCheck(count: 300, input: Gen.letterOrNumber.string(of: 0...20), Self.badCharacter) {
            base, bad in
            let code = base + String(bad)
            #expect(programError { try AccountCode.validate(code) }?.code == .invalidAccountCode)
        }
    }

    @Test func codesOver32BytesAreRefused() async {
        await propertyCheck(count: 200, input: Gen.letterOrNumber.string(of: 33...80)) { code in
            #expect(programError { try AccountCode.validate(code) }?.code == .codeTooLong)
        }
    }

    @Test func emptyCodeIsRefused() {
        #expect(programError { try AccountCode.validate("") }?.code == .invalidAccountCode)
    }

    /// Any address drawn from a non-global range is refused as a device public IP.
    @Test func nonGlobalDevicePublicIPsAreRefused() async {
        let ranges = IPv4Address.nonGlobalRanges
        await propertyCheck(count: 500, input: Gen.int(in: 0..<ranges.count), Gen.uint32()) { index, bits in
            let range = ranges[index]
            let ip = IPv4Address(range.networkAddress.value | (bits & ~range.mask))
            let error = programError { try Fixtures.device(publicIp: ip).validate() }
            #expect(error?.code == .invalidPublicIp)
            #expect(error?.field == "public_ip")
        }
    }

    @Test func transitDevicesMayHaveANonGlobalPublicIP() {
        #expect(programError { try Fixtures.device(publicIp: "10.0.0.1", type: .transit).validate() } == nil)
        #expect(programError { try Fixtures.device().validate() } == nil)
    }

    @Test func publicIPInsideADzPrefixIsRefused() {
        let error = programError { try Fixtures.device(publicIp: "45.0.0.3").validate() }
        #expect(error?.code == .invalidPublicIp)
    }

    /// A user tunnel net of any length but /31 is refused, wherever it lies.
    @Test func userTunnelNetsThatAreNot31AreRefused() async {
        await propertyCheck(count: 500, input: Gen.uint32(), Gen.int(in: 0...32).filter { $0 != 31 }) { bits, length in
            let net = IPv4Prefix(address: IPv4Address(0xA9FE_0000 | (bits & 0xFFFF)), length: length)!
            guard !net.isUnset else { return }
            let error = programError { try Fixtures.user(tunnelNet: net).validate() }
            #expect(error?.code == .invalidTunnelNet)
            #expect(error?.field == "tunnel_net")
        }
    }

    @Test func userTunnelNetsMustBeAlignedLinkLocal31s() async {
        await propertyCheck(count: 500, input: Gen.uint32()) { bits in
            let net = IPv4Prefix(address: IPv4Address(bits), length: 31)!
            let valid = net.isAligned && net.address.isLinkLocal
            let error = programError { try Fixtures.user(tunnelNet: net).validate() }
            #expect((error == nil) == valid)
            if !valid { #expect(error?.code == .invalidTunnelNet) }
        }
    }

    @Test func linkTunnelNetsMustBeAlignedPrivate31s() async {
        await propertyCheck(count: 500, input: Gen.uint32(), Gen.int(in: 1...32)) { bits, length in
            let net = IPv4Prefix(address: IPv4Address(bits), length: length)!
            let valid = length == 31 && net.isAligned && net.address.isPrivate
            let error = programError { try Fixtures.link(tunnelNet: net).validate() }
            #expect((error == nil) == valid)
            if !valid { #expect(error?.code == .invalidTunnelNet) }
        }
    }

    static let families = ["Ethernet", "Loopback", "Port-channel", "Vlan"]

    /// Well-formed names in any case (and the short forms) normalise to the capitalised long form.
    @Test func wellFormedInterfaceNamesNormalise() async throws {
        let cases: [(String, String)] = [
            ("ethernet1/1", "Ethernet1/1"), ("et1/1", "Ethernet1/1"), ("ETHERNET1", "Ethernet1"),
            ("Ethernet1/2/3.100", "Ethernet1/2/3.100"), ("lo255", "Loopback255"), ("Loopback100", "Loopback100"),
            ("po10", "Port-channel10"), ("port-channel10.2", "Port-channel10.2"), ("vl4094", "Vlan4094"),
            ("sw1/2/3", "Switch1/2/3"), ("Switch1/2/3", "Switch1/2/3"),
        ]
        for (raw, expected) in cases {
            #expect(try InterfaceName.normalize(raw) == expected)
        }
        await propertyCheck(count: 300, input: Gen.int(in: 0..<Self.families.count), Gen.int(in: 0...99999)) {
            family, number in
            let name = "\(Self.families[family])\(number)"
            let normalized = try InterfaceName.normalize(name.uppercased())
            #expect(normalized == name)
            #expect(try InterfaceName.normalize(normalized) == normalized)
        }
    }

    @Test(arguments: [
        "", "eth0", "Ethernet", "Ethernet1/", "Ethernet/1", "Ethernet1/2/3/4", "Loopback1/1", "Switch1/2", "Vlan",
        "Ethernet1.x", "Ethernet1..2", "Tunnel500", "Ethernet 1", "Management1", "Ethernet-1",
    ])
    func malformedInterfaceNamesAreRefused(_ name: String) {
        let error = programError { _ = try InterfaceName.normalize(name) }
        #expect(error?.code == .invalidInterfaceName)
    }

    /// Names with any character outside the grammar are refused.
    @Test func interfaceNamesWithStrayCharactersAreRefused() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0..<Self.families.count), Self.badCharacter) {
            family, bad in
            guard bad != "/" && bad != "." else { return }
            let name = "\(Self.families[family])1\(bad)"
            #expect(programError { _ = try InterfaceName.normalize(name) }?.code == .invalidInterfaceName)
        }
    }
}
