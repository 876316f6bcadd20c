import Ledger
import Models
import Testing

/// A DZX link requested toward another contributor's device holds nothing on that device until
/// its contributor accepts it; that contributor may also decline it.
@Suite struct DzxLinkRequestTests {
    /// The first contributor's activated `dz01` and the other contributor's activated `dz03`
    /// (owned by `otherOwner`), each with unlinked `Ethernet1/1` and `Ethernet2/1`, and a DZX
    /// link requested from `dz01` toward `dz03`.
    private struct Network {
        var harness: ProgramHarness
        let fixture: DeviceFixture
        let sideA: PublicKey
        let far: PublicKey
        let link: PublicKey
    }

    private func network() throws -> Network {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let sideA = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        let far = try harness.activeDevice("dz03", number: 3, contributor: fixture.otherContributor, fixture: fixture)
        let changes = try harness.run(
            .createLink(
                CreateLinkArgs(
                    code: "dz01:dz03", sideA: sideA, sideZ: far, linkType: .dzx, bandwidth: fixtureLinkBandwidth,
                    delayNs: 20_000, jitterNs: 10_000, sideAIfaceName: "Ethernet2/1")),
            as: harness.contributorOwner)
        return Network(
            harness: harness, fixture: fixture, sideA: sideA, far: far, link: try #require(changes.key(of: .link)))
    }

    private func accept(_ network: Network, interface: String = "Ethernet1/1") -> Instruction {
        .acceptLink(AcceptLinkArgs(pubkey: network.link, sideZIfaceName: interface))
    }

    private func decline(_ network: Network, reason: String = "no port for you") -> Instruction {
        .declineLink(RejectArgs(pubkey: network.link, reason: reason))
    }

    @Test func aRequestHoldsNothingOnTheFarDevice() throws {
        let network = try network()
        #expect(try network.harness.link(network.link).status == .requested)
        #expect(try network.harness.device(network.far).referenceCount == 0)
        #expect(try network.harness.device(network.sideA).referenceCount == 1)
        #expect(network.harness.state.contributors[network.fixture.otherContributor]?.referenceCount == 1)
        for name in ["Ethernet1/1", "Ethernet2/1"] {
            #expect(try network.harness.interface(name, of: network.far).status == .unlinked)
        }
    }

    @Test func theFarDeviceCanBeDrainedAndDeletedWhileARequestWaits() throws {
        var network = try network()
        var harness = network.harness
        let far = network.far
        try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: far, status: .drained)), as: harness.otherOwner)
        try harness.run(
            .deleteDeviceInterface(InterfaceArgs(device: far, name: "Ethernet1/1")),
            .deleteDeviceInterface(InterfaceArgs(device: far, name: "Ethernet2/1")),
            .deleteDevice(PubkeyArgs(pubkey: far)), as: harness.otherOwner)
        try harness.run(.closeDevice(PubkeyArgs(pubkey: far)), as: harness.activator)
        #expect(harness.state.devices[far] == nil)
        #expect(harness.state.contributors[network.fixture.otherContributor]?.referenceCount == 0)
        // The request can no longer be accepted; side A deletes it and gets its interface back.
        harness.rejects(.invalidDevicePubkey, accept(network), as: harness.otherOwner)
        harness.rejects(
            .notAllowed, .updateLink(UpdateLinkArgs(pubkey: network.link, delayNs: 30_000)), as: harness.otherOwner)
        try harness.run(.deleteLink(PubkeyArgs(pubkey: network.link)), as: harness.contributorOwner)
        try harness.run(.closeLink(PubkeyArgs(pubkey: network.link)), as: harness.activator)
        #expect(try harness.device(network.sideA).referenceCount == 0)
        #expect(harness.state.contributors[network.fixture.contributor]?.referenceCount == 1)
        #expect(try harness.interface("Ethernet2/1", of: network.sideA).status == .unlinked)
        network.harness = harness
    }

    @Test func acceptingHoldsTheFarDevice() throws {
        var network = try network()
        try network.harness.run(accept(network), as: network.harness.otherOwner)
        #expect(try network.harness.link(network.link).status == .pending)
        #expect(try network.harness.device(network.far).referenceCount == 1)
        // Now the far device cannot go while the link binds it.
        try network.harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: network.far, status: .drained)), as: network.harness.otherOwner)
        network.harness.rejects(
            .referenceCountNotZero, .deleteDevice(PubkeyArgs(pubkey: network.far)), as: network.harness.otherOwner)
        // Activated, drained, deleted and closed, the link gives the reference back.
        try network.harness.run(
            .activateLink(ActivateLinkArgs(pubkey: network.link, tunnelId: 1, tunnelNet: "172.16.0.0/31")),
            as: network.harness.activator)
        try network.harness.run(
            .updateLink(UpdateLinkArgs(pubkey: network.link, status: .hardDrained)),
            .deleteLink(PubkeyArgs(pubkey: network.link)), as: network.harness.contributorOwner)
        try network.harness.run(.closeLink(PubkeyArgs(pubkey: network.link)), as: network.harness.activator)
        #expect(try network.harness.device(network.far).referenceCount == 0)
        #expect(try network.harness.device(network.sideA).referenceCount == 0)
    }

    @Test func onlyTheFarSideAcceptsOrDeclines() throws {
        var network = try network()
        let harness = network.harness
        for signer in [harness.contributorOwner, harness.client, harness.stranger, harness.activator] {
            network.harness.rejects(.notAllowed, accept(network), as: signer)
            network.harness.rejects(.notAllowed, decline(network), as: signer)
        }
        // The far contributor's owner, or the foundation, may do either.
        for signer in [harness.otherOwner, harness.foundation] {
            var accepted = network.harness
            try accepted.run(accept(network), as: signer)
            var declined = network.harness
            try declined.run(decline(network), as: signer)
        }
    }

    @Test func decliningRejectsTheRequestAndFreesIt() throws {
        var network = try network()
        network.harness.rejects(.invalidArgument, decline(network, reason: "  "), as: network.harness.otherOwner)
        try network.harness.run(decline(network), as: network.harness.otherOwner)
        let link = try network.harness.link(network.link)
        #expect(link.status == .rejected)
        #expect(link.rejectReason == "no port for you")
        #expect(link.sideZIfaceName == "")
        #expect(try network.harness.device(network.far).referenceCount == 0)
        // Declined is final: it can be neither accepted nor declined again.
        network.harness.rejects(.invalidStatus, accept(network), as: network.harness.otherOwner)
        network.harness.rejects(.invalidStatus, decline(network), as: network.harness.otherOwner)
        // Side A deletes it; closing releases only what it held: side A's device and contributor.
        try network.harness.run(.deleteLink(PubkeyArgs(pubkey: network.link)), as: network.harness.contributorOwner)
        try network.harness.run(.closeLink(PubkeyArgs(pubkey: network.link)), as: network.harness.activator)
        #expect(try network.harness.device(network.sideA).referenceCount == 0)
        #expect(try network.harness.device(network.far).referenceCount == 0)
        #expect(network.harness.state.contributors[network.fixture.contributor]?.referenceCount == 1)
    }

    @Test func onlyARequestedLinkCanBeDeclined() throws {
        var network = try network()
        try network.harness.run(accept(network), as: network.harness.otherOwner)
        let error = network.harness.rejects(.invalidStatus, decline(network), as: network.harness.otherOwner)
        #expect(error?.message.contains("pending") == true)
        var harness = network.harness
        let sideZ = try harness.activeDevice("dz02", number: 2, fixture: network.fixture)
        let wan = try harness.createWanLink("wan", from: network.sideA, to: sideZ)
        harness.rejects(
            .invalidStatus, .declineLink(RejectArgs(pubkey: wan, reason: "no")), as: harness.contributorOwner)
    }
}
