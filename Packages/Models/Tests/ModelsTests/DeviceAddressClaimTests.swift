import Testing

@testable import Models

/// Which address space a device claims, and when two devices' claims collide.
@Suite struct DeviceAddressClaimTests {
    /// `la2-dz01`: public IP 44.0.0.1, dz_prefix 45.0.0.0/29, plus a user-tunnel-endpoint loopback.
    static func device() -> Device {
        var device = Fixtures.device()
        device.interfaces = [
            DeviceInterface(name: "Loopback100", status: .activated, ipNet: "44.0.1.1/32", userTunnelEndpoint: true),
            DeviceInterface(name: "Loopback255", status: .activated, loopbackType: .vpnv4, ipNet: "172.16.0.1/32"),
        ]
        return device
    }

    /// Another device, `ny5-dz01`, with addresses of its own.
    static func other(publicIp: IPv4Address = "46.0.0.1", dzPrefixes: [IPv4Prefix] = ["47.0.0.0/29"]) -> Device {
        var device = Fixtures.device()
        device.pubkey = Fixtures.key(20)
        device.code = "ny5-dz01"
        device.publicIp = publicIp
        device.dzPrefixes = dzPrefixes
        return device
    }

    @Test func aDeviceClaimsItsPublicIpPrefixesAndTunnelEndpoints() {
        let claims = Self.device().addressClaims
        #expect(
            claims.map(\.description) == [
                "public_ip 44.0.0.1", "dz_prefix 45.0.0.0/29",
                "ip_net 44.0.1.1 of user-tunnel-endpoint interface Loopback100",
            ])
        #expect(claims.map(\.field) == ["public_ip", "dz_prefixes", "ip_net"])
    }

    /// Each way one device can take another's space, and the field the error names.
    @Test(
        arguments: [
            ("44.0.0.1", ["47.0.0.0/29"], "public_ip", "public_ip 44.0.0.1 of device la2-dz01"),
            ("45.0.0.3", ["47.0.0.0/29"], "public_ip", "dz_prefix 45.0.0.0/29 of device la2-dz01"),
            ("44.0.1.1", ["47.0.0.0/29"], "public_ip", "Loopback100 of device la2-dz01"),
            ("46.0.0.1", ["45.0.0.0/28"], "dz_prefixes", "dz_prefix 45.0.0.0/29 of device la2-dz01"),
            ("46.0.0.1", ["45.0.0.4/30"], "dz_prefixes", "dz_prefix 45.0.0.0/29 of device la2-dz01"),
            ("46.0.0.1", ["44.0.0.0/29"], "dz_prefixes", "public_ip 44.0.0.1 of device la2-dz01"),
            ("46.0.0.1", ["44.0.1.0/30"], "dz_prefixes", "Loopback100 of device la2-dz01"),
        ] as [(IPv4Address, [IPv4Prefix], String, String)])
    func overlappingClaimsAreRefused(publicIp: IPv4Address, prefixes: [IPv4Prefix], field: String, named: String) {
        let other = Self.other(publicIp: publicIp, dzPrefixes: prefixes)
        let error = programError { try other.requireNoAddressOverlap(with: Self.device()) }
        #expect(error?.code == .addressInUse)
        #expect(error?.field == field)
        #expect(error?.message.contains(named) == true, "\(String(describing: error))")
        #expect(error?.message.contains("of device ny5-dz01") == true, "\(String(describing: error))")
        // The relation is symmetric.
        #expect(programError { try Self.device().requireNoAddressOverlap(with: other) }?.code == .addressInUse)
    }

    @Test func distinctDevicesPass() {
        #expect(programError { try Self.other().requireNoAddressOverlap(with: Self.device()) } == nil)
        // Private loopback addresses and a 0.0.0.0 public IP (a transit device without one) claim nothing.
        var transit = Self.other(publicIp: .unspecified)
        transit.deviceType = .transit
        transit.interfaces = [
            DeviceInterface(name: "Loopback255", status: .activated, loopbackType: .vpnv4, ipNet: "172.16.0.1/32")
        ]
        var second = transit
        second.pubkey = Fixtures.key(21)
        second.dzPrefixes = ["48.0.0.0/29"]
        #expect(programError { try transit.requireNoAddressOverlap(with: second) } == nil)
    }

    @Test func onlyTheGivenClaimsAreChecked() {
        let clashing = Self.other(publicIp: "44.0.0.1")
        let prefixesOnly = clashing.addressClaims.filter { $0.kind == .dzPrefix }
        #expect(programError { try clashing.requireNoAddressOverlap(with: Self.device(), among: prefixesOnly) } == nil)
    }
}
