import Ledger
import Models
import Testing

/// A contributor may not put another device's public IP, dz_prefix or user tunnel endpoint on
/// its own device, on create or on update (`AddressInUse`, naming the other device and field).
@Suite struct DeviceAddressTests {
    /// `dz01` of the first contributor (100.0.0.1, 101.100.1.0/29, with a user-tunnel-endpoint
    /// loopback at 45.0.1.1) and the other contributor's `dz02` (100.0.0.2, 101.100.2.0/29).
    private struct Network {
        var harness: ProgramHarness
        let fixture: DeviceFixture
        let first: PublicKey
        let second: PublicKey
    }

    private func network() throws -> Network {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let first = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: first, name: "Loopback100", loopbackType: .ipv4, ipNet: "45.0.1.1/32",
                    userTunnelEndpoint: true)),
            as: harness.contributorOwner)
        let second = try harness.createDevice(
            "dz02", number: 2, contributor: fixture.otherContributor, fixture: fixture)
        return Network(harness: harness, fixture: fixture, first: first, second: second)
    }

    /// Each of another device's addresses, taken by a new device: refused, naming `dz01` and the field.
    @Test(
        arguments: [
            ("100.0.0.1", "102.0.0.0/29", "public_ip", "public_ip 100.0.0.1 of device dz01"),
            ("101.100.1.5", "102.0.0.0/29", "public_ip", "dz_prefix 101.100.1.0/29 of device dz01"),
            ("45.0.1.1", "102.0.0.0/29", "public_ip", "Loopback100 of device dz01"),
            ("100.0.0.3", "101.100.1.0/29", "dz_prefixes", "dz_prefix 101.100.1.0/29 of device dz01"),
            ("100.0.0.3", "101.100.0.0/16", "dz_prefixes", "dz_prefix 101.100.1.0/29 of device dz01"),
            ("100.0.0.9", "100.0.0.0/30", "dz_prefixes", "public_ip 100.0.0.1 of device dz01"),
        ] as [(IPv4Address, IPv4Prefix, String, String)])
    func aNewDeviceMayNotTakeAnotherDevicesAddresses(
        publicIp: IPv4Address, prefix: IPv4Prefix, field: String, named: String
    ) throws {
        var network = try network()
        var args = network.harness.deviceArgs(
            "dz03", number: 3, contributor: network.fixture.otherContributor, fixture: network.fixture)
        args.publicIp = publicIp
        args.dzPrefixes = [prefix]
        let error = network.harness.rejects(.addressInUse, .createDevice(args), as: network.harness.otherOwner)
        #expect(error?.field == field)
        #expect(error?.message.contains(named) == true, "\(String(describing: error))")
        #expect(error?.message.contains("device dz03") == true, "\(String(describing: error))")
        // The foundation is held to the same rule.
        network.harness.rejects(.addressInUse, .createDevice(args), as: network.harness.foundation)
    }

    @Test func anUpdateMayNotMoveOntoAnotherDevicesAddresses() throws {
        var network = try network()
        let second = network.second
        for args in [
            UpdateDeviceArgs(pubkey: second, publicIp: "100.0.0.1"),
            UpdateDeviceArgs(pubkey: second, publicIp: "45.0.1.1"),
            UpdateDeviceArgs(pubkey: second, dzPrefixes: ["101.100.2.0/29", "101.100.1.0/30"]),
        ] {
            let error = network.harness.rejects(.addressInUse, .updateDevice(args), as: network.harness.otherOwner)
            #expect(error?.message.contains("of device dz01") == true, "\(String(describing: error))")
            #expect(error?.field == (args.publicIp == nil ? "dz_prefixes" : "public_ip"))
        }
        // Its own addresses, unchanged or moved to free space, are fine; so are other fields.
        try network.harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: second, publicIp: "100.0.0.2", dzPrefixes: ["101.100.2.0/29"])),
            .updateDevice(UpdateDeviceArgs(pubkey: second, publicIp: "100.0.0.22")),
            .updateDevice(UpdateDeviceArgs(pubkey: second, code: "dz02b")),
            as: network.harness.otherOwner)
        // The address dz02 left is free for dz01 now.
        try network.harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: network.first, publicIp: "100.0.0.2")),
            as: network.harness.contributorOwner)
    }

    @Test func aUserTunnelEndpointMayNotTakeAnotherDevicesAddress() throws {
        var network = try network()
        for address in ["100.0.0.1/32", "101.100.1.1/32", "45.0.1.1/32"] as [IPv4Prefix] {
            let error = network.harness.rejects(
                .addressInUse,
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(
                        device: network.second, name: "Loopback100", loopbackType: .ipv4, ipNet: address,
                        userTunnelEndpoint: true)),
                as: network.harness.otherOwner)
            #expect(error?.field == "ip_net")
            #expect(error?.message.contains("of device dz01") == true, "\(String(describing: error))")
        }
        try network.harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: network.second, name: "Loopback100", loopbackType: .ipv4, ipNet: "45.0.2.1/32",
                    userTunnelEndpoint: true)),
            as: network.harness.otherOwner)
        let moved = network.harness.rejects(
            .addressInUse,
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: network.second, name: "Loopback100", ipNet: "100.0.0.1/32")),
            as: network.harness.otherOwner)
        #expect(moved?.message.contains("public_ip 100.0.0.1 of device dz01") == true)
    }

    /// A device keeps its claim while it is deleting; once closed, its addresses are free.
    @Test func aClosedDevicesAddressesAreFreeAgain() throws {
        var network = try network()
        var harness = network.harness
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: network.first, name: "Loopback100")),
            as: harness.contributorOwner)
        try harness.run(.rejectDevice(RejectArgs(pubkey: network.first, reason: "test")), as: harness.activator)
        let args = harness.deviceArgs(
            "dz03", number: 1, contributor: network.fixture.otherContributor, fixture: network.fixture)
        harness.rejects(.addressInUse, .createDevice(args), as: harness.otherOwner)
        try harness.run(.deleteDevice(PubkeyArgs(pubkey: network.first)), as: harness.contributorOwner)
        harness.rejects(.addressInUse, .createDevice(args), as: harness.otherOwner)
        try harness.run(.closeDevice(PubkeyArgs(pubkey: network.first)), as: harness.activator)
        try harness.run(.createDevice(args), as: harness.otherOwner)
        network.harness = harness
    }
}
