import Ledger
import Models
import Testing

@Suite struct InterfaceProgramTests {
    /// A fixture with one activated device (no interfaces yet) and its key.
    private func setUp() throws -> (ProgramHarness, DeviceFixture, PublicKey) {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(.activateDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
        return (harness, fixture, key)
    }

    private func loopback(_ device: PublicKey, _ name: String = "Loopback255", type: LoopbackType = .vpnv4)
        -> Instruction
    {
        .createDeviceInterface(CreateDeviceInterfaceArgs(device: device, name: name, loopbackType: type))
    }

    private func activate(
        _ device: PublicKey, _ name: String = "Loopback255", ip: IPv4Prefix, segment: UInt16 = 0
    ) -> Instruction {
        .activateDeviceInterface(
            ActivateDeviceInterfaceArgs(device: device, name: name, ipNet: ip, nodeSegmentIdx: segment))
    }

    // MARK: create_device_interface

    @Test func loopbacksStartPendingAndPhysicalInterfacesUnlinked() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "lo255", loopbackType: .vpnv4)),
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "et1/1", bandwidth: 10, vlanId: 12)),
            as: harness.contributorOwner)
        let loopback = try harness.interface("Loopback255", of: key)
        #expect(loopback.status == .pending)
        #expect(loopback.interfaceType == .loopback)
        #expect(loopback.loopbackType == .vpnv4)
        #expect(loopback.ipNet == nil)
        #expect(loopback.nodeSegmentIdx == 0)
        let physical = try harness.interface("Ethernet1/1", of: key)
        #expect(physical.status == .unlinked)
        #expect(physical.interfaceType == .physical)
        #expect(physical.mtu == DeviceInterface.standardMTU)
        #expect(physical.bandwidth == 10)
        #expect(physical.vlanId == 12)
        #expect(try harness.device(key).interfaces.map(\.name) == ["Loopback255", "Ethernet1/1"])
    }

    @Test func interfacesMayBeAddedToAPendingDevice() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("dz01", number: 1, fixture: fixture)
        try harness.run(loopback(key), as: harness.contributorOwner)
        #expect(try harness.interface("Loopback255", of: key).status == .pending)
    }

    @Test func createInterfaceAuthorization() throws {
        var (harness, _, key) = try setUp()
        for signer in harness.outsiders {
            harness.rejects(.notAllowed, loopback(key), as: signer)
        }
        try harness.run(loopback(key, "Loopback255"), as: harness.contributorOwner)
        try harness.run(loopback(key, "Loopback256", type: .ipv4), as: harness.foundation)
        #expect(try harness.device(key).interfaces.count == 2)
    }

    @Test func createInterfaceRefusesDuplicatesAndBadNames() throws {
        var (harness, _, key) = try setUp()
        harness.rejects(.invalidDevicePubkey, loopback(Keypair().publicKey), as: harness.foundation)
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1")),
            as: harness.contributorOwner)
        let error = harness.rejects(
            .interfaceAlreadyExists, .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "ET1/1")),
            as: harness.contributorOwner)
        #expect(error?.message.contains("Ethernet1/1") == true)
        harness.rejects(
            .invalidInterfaceName, .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Gig0/1")),
            as: harness.contributorOwner)
        // Model validation runs too: VLAN above 4094, wrong MTU, CYOA on a loopback.
        harness.rejects(
            .invalidVlanId,
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet2/1", vlanId: 4095)),
            as: harness.contributorOwner)
        harness.rejects(
            .invalidMtu, .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet2/1", mtu: 1500)),
            as: harness.contributorOwner)
        harness.rejects(
            .cyoaRequiresPhysical,
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Loopback1", cyoa: .greOverDIA, bandwidth: 10, ipNet: "8.8.8.8/32")),
            as: harness.contributorOwner)
    }

    @Test func anAddressMaySupplyOnlyAnEdgeOrTunnelEndpointInterface() throws {
        var (harness, _, key) = try setUp()
        for name in ["Ethernet1/1", "Loopback100"] {
            harness.rejects(
                .invalidInterfaceIp,
                .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: name, ipNet: "10.1.1.1/32")),
                as: harness.contributorOwner)
        }
        // A user-tunnel-endpoint needs its public address.
        harness.rejects(
            .invalidInterfaceIp,
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(device: key, name: "Loopback100", userTunnelEndpoint: true)),
            as: harness.contributorOwner)
        try harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Loopback100", loopbackType: .ipv4, ipNet: "8.8.4.4/32", userTunnelEndpoint: true
                )),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Ethernet9/1", cyoa: .greOverDIA, bandwidth: 1_000, ipNet: "8.8.8.1/30")),
            as: harness.contributorOwner)
        let endpoint = try harness.interface("Loopback100", of: key)
        #expect(endpoint.status == .activated)
        #expect(endpoint.ipNet == "8.8.4.4/32")
        #expect(try harness.device(key).userTunnelEndpoints == ["100.0.0.1", "8.8.4.4"])
        let cyoa = try harness.interface("Ethernet9/1", of: key)
        #expect(cyoa.status == .unlinked)
        #expect(cyoa.mtu == DeviceInterface.accessMTU)
    }

    @Test func aVpnv4LoopbackWithASuppliedAddressWaitsForItsSegmentId() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Loopback255", loopbackType: .vpnv4, ipNet: "8.8.4.4/32",
                    userTunnelEndpoint: true)),
            as: harness.contributorOwner)
        #expect(try harness.interface("Loopback255", of: key).status == .pending)
        // The activator must confirm the address the operator supplied.
        let error = harness.rejects(
            .allocationFailed, activate(key, ip: "172.16.0.9/32", segment: 1), as: harness.activator)
        #expect(error?.message.contains("8.8.4.4/32") == true)
        try harness.run(activate(key, ip: "8.8.4.4/32", segment: 1), as: harness.activator)
        let loopback = try harness.interface("Loopback255", of: key)
        #expect(loopback.status == .activated)
        #expect(loopback.nodeSegmentIdx == 1)
    }

    @Test func aSuppliedAddressInsideTheTunnelBlockMustBeFree() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key, "Loopback256", type: .ipv4), as: harness.contributorOwner)
        try harness.run(activate(key, "Loopback256", ip: "172.16.0.4/32"), as: harness.activator)
        harness.rejects(
            .allocationFailed,
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Ethernet9/1", dia: .dia, bandwidth: 1_000, ipNet: "172.16.0.4/31")),
            as: harness.contributorOwner)
        try harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Ethernet9/1", dia: .dia, bandwidth: 1_000, ipNet: "172.16.0.6/31")),
            as: harness.contributorOwner)
    }

    @Test(arguments: [DeviceStatus.rejected, .deleting])
    func aRejectedOrDeletingDeviceTakesNoInterfaces(status: DeviceStatus) throws {
        var (harness, _, key) = try setUp()
        var device = try harness.device(key)
        device.status = status
        harness.insert(.device(device))
        harness.rejects(.invalidStatus, loopback(key), as: harness.foundation)
    }

    // MARK: activate_device_interface

    @Test func theActivatorGivesALoopbackItsAddressAndSegment() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), loopback(key, "Loopback256", type: .ipv4), as: harness.contributorOwner)
        for signer in harness.everyoneButTheActivator {
            harness.rejects(.notAllowed, activate(key, ip: "172.16.0.0/32", segment: 1), as: signer)
        }
        try harness.run(
            activate(key, ip: "172.16.0.0/32", segment: 1), activate(key, "Loopback256", ip: "172.16.0.1/32"),
            as: harness.activator)
        let vpnv4 = try harness.interface("Loopback255", of: key)
        #expect(vpnv4.status == .activated)
        #expect(vpnv4.ipNet == "172.16.0.0/32")
        #expect(vpnv4.nodeSegmentIdx == 1)
        let ipv4 = try harness.interface("Loopback256", of: key)
        #expect(ipv4.status == .activated)
        #expect(ipv4.ipNet == "172.16.0.1/32")
        #expect(ipv4.nodeSegmentIdx == 0)
        harness.rejects(.invalidStatus, activate(key, ip: "172.16.0.2/32", segment: 2), as: harness.activator)
    }

    @Test func activationRefusesPhysicalAndMissingInterfaces() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1")),
            as: harness.contributorOwner)
        harness.rejects(.invalidInterfaceType, activate(key, "Ethernet1/1", ip: "172.16.0.0/32"), as: harness.activator)
        harness.rejects(.interfaceNotFound, activate(key, "Loopback9", ip: "172.16.0.0/32"), as: harness.activator)
    }

    @Test(
        arguments: [
            ("10.0.0.1/32", "outside the block"), ("172.16.0.0/31", "not a /32"),
            ("172.17.0.1/32", "outside the block"),
        ] as [(IPv4Prefix, String)])
    func activationNeedsASingleAddressOfTheBlock(ip: IPv4Prefix, _: String) throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), as: harness.contributorOwner)
        let error = harness.rejects(.allocationFailed, activate(key, ip: ip, segment: 1), as: harness.activator)
        #expect(error?.field == "ip_net")
    }

    @Test func activationRefusesAnAddressHeldByALinkOrALoopback() throws {
        var (harness, fixture, key) = try setUp()
        try harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1", bandwidth: fixtureInterfaceBandwidth)),
            as: harness.contributorOwner)
        let other = try harness.activeDevice("dz02", number: 2, fixture: fixture)
        try harness.activeWanLink("a-z", from: key, to: other, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        try harness.run(loopback(key), loopback(other, "Loopback256", type: .ipv4), as: harness.contributorOwner)
        try harness.run(activate(other, "Loopback256", ip: "172.16.0.2/32"), as: harness.activator)
        let linkError = harness.rejects(
            .allocationFailed, activate(key, ip: "172.16.0.1/32", segment: 1), as: harness.activator)
        #expect(linkError?.message.contains("a-z") == true)
        let loopbackError = harness.rejects(
            .allocationFailed, activate(key, ip: "172.16.0.2/32", segment: 1), as: harness.activator)
        #expect(loopbackError?.message.contains("Loopback256") == true)
        try harness.run(activate(key, ip: "172.16.0.3/32", segment: 1), as: harness.activator)
    }

    @Test func segmentIdsAreUniqueAcrossDevicesAndOnlyForVpnv4() throws {
        var (harness, fixture, key) = try setUp()
        let other = try harness.createDevice("dz02", number: 2, fixture: fixture)
        try harness.run(
            loopback(key), loopback(other), loopback(key, "Loopback256", type: .ipv4), as: harness.foundation)
        try harness.run(activate(key, ip: "172.16.0.1/32", segment: 7), as: harness.activator)
        let duplicate = harness.rejects(
            .allocationFailed, activate(other, ip: "172.16.0.2/32", segment: 7), as: harness.activator)
        #expect(duplicate?.field == "node_segment_idx")
        harness.rejects(.allocationFailed, activate(other, ip: "172.16.0.2/32", segment: 0), as: harness.activator)
        harness.rejects(
            .allocationFailed, activate(key, "Loopback256", ip: "172.16.0.3/32", segment: 8), as: harness.activator)
        try harness.run(activate(other, ip: "172.16.0.2/32", segment: 8), as: harness.activator)
        #expect(try harness.interface("Loopback255", of: other).nodeSegmentIdx == 8)
    }

    @Test func rejectedAllocationsAreFreeButDeletingOnesAreStillHeld() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            loopback(key), loopback(key, "Loopback1", type: .ipv4), loopback(key, "Loopback2", type: .ipv4),
            as: harness.foundation)
        try harness.run(activate(key, ip: "172.16.0.1/32", segment: 1), as: harness.activator)
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")), as: harness.contributorOwner)
        #expect(try harness.interface("Loopback255", of: key).status == .deleting)
        harness.rejects(.allocationFailed, activate(key, "Loopback1", ip: "172.16.0.1/32"), as: harness.activator)
        // A rejected interface's values are not live (placed directly: the activator never
        // rejects after allocating, but the state may hold such leftovers).
        var device = try harness.device(key)
        let index = try #require(device.interfaces.firstIndex { $0.name == "Loopback2" })
        device.interfaces[index].status = .rejected
        device.interfaces[index].ipNet = "172.16.0.2/32"
        harness.insert(.device(device))
        try harness.run(activate(key, "Loopback1", ip: "172.16.0.2/32"), as: harness.activator)
        try harness.run(.removeDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")), as: harness.activator)
        try harness.run(loopback(key, "Loopback3", type: .vpnv4), as: harness.foundation)
        try harness.run(activate(key, "Loopback3", ip: "172.16.0.1/32", segment: 1), as: harness.activator)
    }

    // MARK: reject_device_interface

    @Test func theActivatorRejectsAPendingLoopback() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), as: harness.contributorOwner)
        let reject = Instruction.rejectDeviceInterface(
            RejectDeviceInterfaceArgs(device: key, name: "lo255", reason: "pool exhausted"))
        for signer in harness.everyoneButTheActivator {
            harness.rejects(.notAllowed, reject, as: signer)
        }
        harness.rejects(
            .invalidArgument,
            .rejectDeviceInterface(RejectDeviceInterfaceArgs(device: key, name: "Loopback255", reason: "")),
            as: harness.activator)
        try harness.run(reject, as: harness.activator)
        #expect(try harness.interface("Loopback255", of: key).status == .rejected)
        harness.rejects(.invalidStatus, reject, as: harness.activator)
        harness.rejects(.invalidStatus, activate(key, ip: "172.16.0.1/32", segment: 1), as: harness.activator)
    }

    // MARK: delete_device_interface / remove_device_interface

    @Test func deletingAnAllocatedLoopbackWaitsForTheActivator() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), as: harness.contributorOwner)
        try harness.run(activate(key, ip: "172.16.0.1/32", segment: 1), as: harness.activator)
        let delete = Instruction.deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback255"))
        for signer in harness.outsiders {
            harness.rejects(.notAllowed, delete, as: signer)
        }
        let remove = Instruction.removeDeviceInterface(InterfaceArgs(device: key, name: "Loopback255"))
        harness.rejects(.invalidStatus, remove, as: harness.activator)
        try harness.run(delete, as: harness.contributorOwner)
        #expect(try harness.interface("Loopback255", of: key).status == .deleting)
        let again = harness.rejects(.invalidStatus, delete, as: harness.contributorOwner)
        #expect(again?.message.contains("already being deleted") == true)
        for signer in harness.everyoneButTheActivator {
            harness.rejects(.notAllowed, remove, as: signer)
        }
        try harness.run(remove, as: harness.activator)
        #expect(try harness.device(key).interfaces.isEmpty)
        harness.rejects(.interfaceNotFound, remove, as: harness.activator)
    }

    @Test func interfacesWithoutAllocationsGoAtOnce() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1")),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Loopback100", loopbackType: .ipv4, ipNet: "8.8.4.4/32", userTunnelEndpoint: true
                )),
            loopback(key),
            as: harness.contributorOwner)
        try harness.run(
            .rejectDeviceInterface(RejectDeviceInterfaceArgs(device: key, name: "Loopback255", reason: "no ids")),
            as: harness.activator)
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: key, name: "Ethernet1/1")),
            .deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback100")),
            as: harness.foundation)
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")), as: harness.contributorOwner)
        #expect(try harness.device(key).interfaces.isEmpty)
    }

    @Test func aPendingInterfaceCannotBeDeleted() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), as: harness.contributorOwner)
        let error = harness.rejects(
            .invalidStatus, .deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")),
            as: harness.contributorOwner)
        #expect(error?.message.contains("wait for the activator") == true)
    }

    @Test func anInterfaceBoundToALinkCannotBeDeleted() throws {
        var (harness, fixture, _) = try setUp()
        let sideA = try harness.activeDevice("dz02", number: 2, fixture: fixture)
        let sideZ = try harness.activeDevice("dz03", number: 3, fixture: fixture)
        try harness.createWanLink("a-z", from: sideA, to: sideZ)
        let error = harness.rejects(
            .referenceCountNotZero, .deleteDeviceInterface(InterfaceArgs(device: sideZ, name: "Ethernet1/1")),
            as: harness.foundation)
        #expect(error?.message.contains("a-z") == true)
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: sideZ, name: "Ethernet2/1")), as: harness.foundation)
    }

    // MARK: update_device_interface

    @Test func updateInterfaceChangesFields() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1")),
            as: harness.contributorOwner)
        let update = Instruction.updateDeviceInterface(
            UpdateDeviceInterfaceArgs(
                device: key, name: "et1/1", bandwidth: 5, cir: 4, routingMode: .bgp, vlanId: 100))
        for signer in harness.outsiders {
            harness.rejects(.notAllowed, update, as: signer)
        }
        try harness.run(update, as: harness.contributorOwner)
        var interface = try harness.interface("Ethernet1/1", of: key)
        #expect(interface.bandwidth == 5)
        #expect(interface.cir == 4)
        #expect(interface.routingMode == .bgp)
        #expect(interface.vlanId == 100)
        // Becoming a CYOA interface: the MTU follows the role unless given.
        try harness.run(
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(
                    device: key, name: "Ethernet1/1", cyoa: .greOverFabric, ipNet: "8.8.8.1/30")),
            as: harness.foundation)
        interface = try harness.interface("Ethernet1/1", of: key)
        #expect(interface.cyoa == .greOverFabric)
        #expect(interface.mtu == DeviceInterface.accessMTU)
        #expect(interface.ipNet == "8.8.8.1/30")
        harness.rejects(
            .invalidVlanId,
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Ethernet1/1", vlanId: 5000)),
            as: harness.foundation)
        harness.rejects(
            .interfaceNotFound,
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Ethernet7/1", vlanId: 1)),
            as: harness.foundation)
    }

    @Test func updateInterfaceAddressRules() throws {
        var (harness, _, key) = try setUp()
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1")),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: key, name: "Loopback100", loopbackType: .ipv4, ipNet: "8.8.4.4/32", userTunnelEndpoint: true
                )),
            as: harness.contributorOwner)
        harness.rejects(
            .invalidInterfaceIp,
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Ethernet1/1", ipNet: "10.0.0.1/31")),
            as: harness.contributorOwner)
        try harness.run(
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Loopback100", ipNet: "8.8.4.5/32")),
            as: harness.contributorOwner)
        #expect(try harness.interface("Loopback100", of: key).ipNet == "8.8.4.5/32")
        // Dropping the endpoint role leaves a public address on a plain loopback: refused.
        harness.rejects(
            .invalidInterfaceIp,
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: key, name: "Loopback100", userTunnelEndpoint: false)),
            as: harness.contributorOwner)
    }

    @Test func loopbackTypeRules() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), loopback(key, "Loopback256", type: .ipv4), as: harness.contributorOwner)
        try harness.run(
            activate(key, ip: "172.16.0.1/32", segment: 3), activate(key, "Loopback256", ip: "172.16.0.2/32"),
            as: harness.activator)
        harness.rejects(
            .invalidLoopbackType,
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: key, name: "Loopback255", loopbackType: LoopbackType.none)),
            as: harness.foundation)
        harness.rejects(
            .invalidLoopbackType,
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Loopback256", loopbackType: .vpnv4)),
            as: harness.foundation)
        try harness.run(
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: key, name: "Loopback255", loopbackType: .pimRpAddress)),
            as: harness.contributorOwner)
        let leaving = try harness.interface("Loopback255", of: key)
        #expect(leaving.loopbackType == .pimRpAddress)
        #expect(leaving.nodeSegmentIdx == 0)
        // A pending loopback may still become VPNv4.
        try harness.run(loopback(key, "Loopback1", type: .ipv4), as: harness.contributorOwner)
        try harness.run(
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Loopback1", loopbackType: .vpnv4)),
            as: harness.contributorOwner)
        try harness.run(activate(key, "Loopback1", ip: "172.16.0.3/32", segment: 3), as: harness.activator)
        // A physical interface takes no loopback type.
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1")),
            as: harness.contributorOwner)
        harness.rejects(
            .invalidLoopbackType,
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Ethernet1/1", loopbackType: .ipv4)),
            as: harness.foundation)
    }

    @Test func aLinkedInterfaceTakesNoEdgeRoleAndKeepsItsBandwidth() throws {
        var (harness, fixture, _) = try setUp()
        let sideA = try harness.activeDevice("dz02", number: 2, fixture: fixture)
        let sideZ = try harness.activeDevice("dz03", number: 3, fixture: fixture)
        let pending = try harness.createWanLink(
            "pending", from: sideA, to: sideZ, sideAInterface: "Ethernet2/1", sideZInterface: "Ethernet2/1")
        try harness.activeWanLink("active", from: sideA, to: sideZ, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        #expect(try harness.link(pending).status == .pending)
        for name in ["Ethernet1/1", "Ethernet2/1"] {
            harness.rejects(
                .interfaceHasEdgeAssignment,
                .updateDeviceInterface(
                    UpdateDeviceInterfaceArgs(
                        device: sideA, name: name, dia: .dia, bandwidth: fixtureInterfaceBandwidth)),
                as: harness.foundation)
        }
        // An activated physical interface takes no edge role even if its link record is gone.
        var device = try harness.device(sideZ)
        device.interfaces.append(DeviceInterface(name: "Ethernet5/1", status: .activated, bandwidth: 1))
        harness.insert(.device(device))
        harness.rejects(
            .interfaceHasEdgeAssignment,
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: sideZ, name: "Ethernet5/1", cyoa: .greOverDIA, ipNet: "8.8.8.1/30")),
            as: harness.foundation)
        let error = harness.rejects(
            .invalidBandwidth,
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: sideA, name: "Ethernet1/1", bandwidth: fixtureLinkBandwidth - 1)),
            as: harness.foundation)
        #expect(error?.message.contains("active") == true)
        try harness.run(
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(device: sideA, name: "Ethernet1/1", bandwidth: fixtureLinkBandwidth)),
            as: harness.foundation)
    }

    @Test func aDeletingInterfaceCannotBeUpdated() throws {
        var (harness, _, key) = try setUp()
        try harness.run(loopback(key), as: harness.contributorOwner)
        try harness.run(activate(key, ip: "172.16.0.1/32", segment: 1), as: harness.activator)
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")), as: harness.contributorOwner)
        harness.rejects(
            .invalidStatus,
            .updateDeviceInterface(UpdateDeviceInterfaceArgs(device: key, name: "Loopback255", vlanId: 3)),
            as: harness.foundation)
    }
}
