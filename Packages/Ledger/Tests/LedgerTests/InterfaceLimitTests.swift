import Ledger
import Models
import Testing

/// Interfaces per device are capped by the global config's `max_interfaces_per_device` (128
/// when the config sets none), so one device cannot grow without bound.
@Suite struct InterfaceLimitTests {
    /// A physical interface `Ethernet<n>/1` on `device`.
    private func interface(_ n: Int, on device: PublicKey) -> Instruction {
        .createDeviceInterface(
            CreateDeviceInterfaceArgs(device: device, name: "Ethernet\(n)/1", bandwidth: fixtureInterfaceBandwidth))
    }

    @Test func aDeviceTakesAtMost128InterfacesByDefault() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let device = try harness.createDevice("dz01", number: 1, fixture: fixture)
        #expect(harness.state.globalConfig?.maxInterfacesPerDevice == nil)
        for n in 1...128 {
            try harness.run(interface(n, on: device), as: harness.contributorOwner)
        }
        #expect(try harness.device(device).interfaces.count == 128)
        let error = harness.rejects(.interfaceLimitExceeded, interface(129, on: device), as: harness.contributorOwner)
        #expect(error?.field == "interfaces")
        #expect(error?.message.contains("device dz01") == true, "\(String(describing: error))")
        #expect(error?.message.contains("max_interfaces_per_device is 128") == true, "\(String(describing: error))")
        // The foundation is held to the limit too; another device has its own count.
        harness.rejects(.interfaceLimitExceeded, interface(129, on: device), as: harness.foundation)
        let other = try harness.createDevice("dz02", number: 2, fixture: fixture)
        try harness.run(interface(1, on: other), as: harness.contributorOwner)
        // Deleting one makes room for one.
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: device, name: "Ethernet1/1")), as: harness.contributorOwner)
        try harness.run(interface(129, on: device), as: harness.contributorOwner)
        harness.rejects(.interfaceLimitExceeded, interface(130, on: device), as: harness.contributorOwner)
    }

    @Test func theFoundationSetsTheLimitInTheGlobalConfig() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let device = try harness.createDevice("dz01", number: 1, fixture: fixture)
        let config = try #require(harness.state.globalConfig)
        func setLimit(_ limit: UInt16?) -> Instruction {
            .setGlobalConfig(
                SetGlobalConfigArgs(
                    localAsn: config.localAsn, remoteAsn: config.remoteAsn, deviceTunnelBlock: config.deviceTunnelBlock,
                    userTunnelBlock: config.userTunnelBlock, multicastGroupBlock: config.multicastGroupBlock,
                    maxInterfacesPerDevice: limit))
        }
        for signer in [harness.contributorOwner, harness.activator, harness.stranger] {
            harness.rejects(.notAllowed, setLimit(2), as: signer)
        }
        harness.rejects(.invalidArgument, setLimit(0), as: harness.foundation)
        try harness.run(setLimit(2), as: harness.foundation)
        #expect(harness.state.globalConfig?.maxInterfacesPerDevice == 2)
        try harness.run(interface(1, on: device), interface(2, on: device), as: harness.contributorOwner)
        let error = harness.rejects(.interfaceLimitExceeded, interface(3, on: device), as: harness.contributorOwner)
        #expect(error?.message.contains("the global config's max_interfaces_per_device is 2") == true)
        // A set without the field keeps the limit (and so, changing nothing, is refused as a no-op).
        harness.rejects(.noStateChange, setLimit(nil), as: harness.foundation)
        #expect(harness.state.globalConfig?.maxInterfacesPerDevice == 2)
        // Lowering the limit below a device's count keeps its interfaces and refuses new ones.
        try harness.run(setLimit(1), as: harness.foundation)
        #expect(try harness.device(device).interfaces.count == 2)
        harness.rejects(.interfaceLimitExceeded, interface(3, on: device), as: harness.contributorOwner)
        try harness.run(
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: device, name: "Ethernet1/1", vlanId: 7)),
            as: harness.contributorOwner)
        try harness.run(setLimit(3), as: harness.foundation)
        try harness.run(interface(3, on: device), as: harness.contributorOwner)
    }
}
