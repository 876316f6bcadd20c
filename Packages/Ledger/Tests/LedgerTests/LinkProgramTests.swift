import Ledger
import Models
import Testing

@Suite struct LinkProgramTests {
    /// Two activated devices of the first contributor and one of the other, each with unlinked
    /// `Ethernet1/1` and `Ethernet2/1`.
    private struct Network {
        var harness: ProgramHarness
        let fixture: DeviceFixture
        let sideA: PublicKey
        let sideZ: PublicKey
        let foreign: PublicKey
    }

    private func network() throws -> Network {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let sideA = try harness.activeDevice("dz01", number: 1, fixture: fixture)
        let sideZ = try harness.activeDevice("dz02", number: 2, fixture: fixture)
        let foreign = try harness.activeDevice(
            "dz03", number: 3, contributor: fixture.otherContributor, fixture: fixture)
        return Network(harness: harness, fixture: fixture, sideA: sideA, sideZ: sideZ, foreign: foreign)
    }

    private func activate(_ link: PublicKey, net: IPv4Prefix = "172.16.0.0/31", id: UInt16 = 1) -> Instruction {
        .activateLink(ActivateLinkArgs(pubkey: link, tunnelId: id, tunnelNet: net))
    }

    private func dzxArgs(_ network: Network, code: String = "a-x", sideZInterface: String? = nil) -> CreateLinkArgs {
        CreateLinkArgs(
            code: code, sideA: network.sideA, sideZ: network.foreign, linkType: .dzx, bandwidth: fixtureLinkBandwidth,
            delayNs: 20_000, jitterNs: 10_000, sideAIfaceName: "Ethernet2/1", sideZIfaceName: sideZInterface)
    }

    private func counts(_ network: Network) -> [UInt32?] {
        [
            network.harness.state.contributors[network.fixture.contributor]?.referenceCount,
            network.harness.state.devices[network.sideA]?.referenceCount,
            network.harness.state.devices[network.sideZ]?.referenceCount,
        ]
    }

    // MARK: create_link

    @Test func createWanLinkMakesAPendingLinkAndReferencesItsEnds() throws {
        var network = try network()
        let indexBefore = try #require(network.harness.state.globalState).accountIndex
        #expect(counts(network) == [2, 0, 0])
        let changes = try network.harness.run(
            .createLink(
                network.harness.wanLinkArgs(
                    "DZ01:DZ02", from: network.sideA, to: network.sideZ, sideAInterface: "et1/1",
                    sideZInterface: "ET2/1")),
            as: network.harness.contributorOwner)
        let key = try #require(changes.key(of: .link))
        let link = try network.harness.link(key)
        #expect(link.index == indexBefore + 1)
        #expect(key == EntitySeed.link(index: link.index).publicKey)
        #expect(link.code == "dz01:dz02")
        #expect(link.status == .pending)
        #expect(link.linkType == .wan)
        #expect(link.owner == network.harness.contributorOwner.publicKey)
        #expect(link.contributor == network.fixture.contributor)
        #expect(link.sideAIfaceName == "Ethernet1/1")
        #expect(link.sideZIfaceName == "Ethernet2/1")
        #expect(link.tunnelId == 0)
        #expect(link.tunnelNet == .unset)
        #expect(counts(network) == [3, 1, 1])
        #expect(try network.harness.interface("Ethernet1/1", of: network.sideA).status == .unlinked)
    }

    @Test func createLinkAuthorization() throws {
        var network = try network()
        let args = network.harness.wanLinkArgs("a-z", from: network.sideA, to: network.sideZ)
        for signer in network.harness.outsiders {
            network.harness.rejects(.notAllowed, .createLink(args), as: signer)
        }
        try network.harness.run(.createLink(args), as: network.harness.foundation)
        try network.harness.run(
            .createLink(
                network.harness.wanLinkArgs(
                    "a-z2", from: network.sideA, to: network.sideZ, sideAInterface: "Ethernet2/1",
                    sideZInterface: "Ethernet2/1")),
            as: network.harness.contributorOwner)
        #expect(network.harness.state.links.count == 2)
        // The other contributor's owner cannot build from the first contributor's device even as DZX side Z.
        network.harness.rejects(.notAllowed, .createLink(dzxArgs(network)), as: network.harness.otherOwner)
    }

    @Test func createLinkChecksItsDevices() throws {
        var network = try network()
        let missing = Keypair().publicKey
        network.harness.rejects(
            .invalidDeviceAPubkey, .createLink(network.harness.wanLinkArgs("x", from: missing, to: network.sideZ)),
            as: network.harness.foundation)
        network.harness.rejects(
            .invalidDeviceZPubkey, .createLink(network.harness.wanLinkArgs("x", from: network.sideA, to: missing)),
            as: network.harness.foundation)
        network.harness.rejects(
            .invalidDevicePubkey,
            .createLink(
                network.harness.wanLinkArgs("x", from: network.sideA, to: network.sideA, sideZInterface: "Ethernet2/1")),
            as: network.harness.foundation)
        let error = network.harness.rejects(
            .invalidContributor,
            .createLink(network.harness.wanLinkArgs("x", from: network.sideA, to: network.foreign)),
            as: network.harness.foundation)
        #expect(error?.message.contains("DZX") == true)
        var rejected = try network.harness.device(network.sideZ)
        rejected.status = .rejected
        network.harness.insert(.device(rejected))
        network.harness.rejects(
            .invalidStatus, .createLink(network.harness.wanLinkArgs("x", from: network.sideA, to: network.sideZ)),
            as: network.harness.foundation)
    }

    @Test func createLinkChecksItsInterfaces() throws {
        var network = try network()
        var harness = network.harness
        let (a, z) = (network.sideA, network.sideZ)
        try harness.run(
            .createDeviceInterface(CreateDeviceInterfaceArgs(device: a, name: "Loopback255", loopbackType: .vpnv4)),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(
                    device: a, name: "Ethernet9/1", cyoa: .greOverDIA, bandwidth: fixtureInterfaceBandwidth,
                    ipNet: "8.8.8.1/30")),
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(device: a, name: "Ethernet8/1", bandwidth: fixtureLinkBandwidth - 1)),
            as: harness.foundation)
        func create(_ sideA: String, _ sideZ: String = "Ethernet1/1") -> Instruction {
            .createLink(harness.wanLinkArgs("a-z", from: a, to: z, sideAInterface: sideA, sideZInterface: sideZ))
        }
        let missing = harness.rejects(.invalidInterfaceName, create("Ethernet7/1"), as: harness.foundation)
        #expect(missing?.field == "side_a_iface_name")
        harness.rejects(.invalidInterfaceName, create("Ethernet1/1", "Ethernet7/1"), as: harness.foundation)
        harness.rejects(.invalidInterfaceName, create("Gig1"), as: harness.foundation)
        harness.rejects(.invalidInterfaceType, create("Loopback255"), as: harness.foundation)
        harness.rejects(.interfaceHasEdgeAssignment, create("Ethernet9/1"), as: harness.foundation)
        harness.rejects(.invalidBandwidth, create("Ethernet8/1"), as: harness.foundation)
        var noSideZ = harness.wanLinkArgs("a-z", from: a, to: z)
        noSideZ.sideZIfaceName = nil
        harness.rejects(.invalidInterfaceName, .createLink(noSideZ), as: harness.foundation)
        // Link validation: bandwidth below 10 Gbps, wrong MTU.
        var slow = harness.wanLinkArgs("a-z", from: a, to: z)
        slow.bandwidth = 1_000
        harness.rejects(.invalidBandwidth, .createLink(slow), as: harness.foundation)
        var mtu = harness.wanLinkArgs("a-z", from: a, to: z)
        mtu.mtu = 1500
        harness.rejects(.invalidMtu, .createLink(mtu), as: harness.foundation)
        // An interface bound to another link (pending or activated) is taken.
        try harness.run(create("Ethernet1/1"), as: harness.foundation)
        harness.rejects(.accountAlreadyInitialized, create("Ethernet2/1", "Ethernet2/1"), as: harness.foundation)
        let taken = harness.rejects(
            .invalidStatus,
            .createLink(
                harness.wanLinkArgs(
                    "other", from: a, to: z, sideAInterface: "Ethernet2/1", sideZInterface: "Ethernet1/1")),
            as: harness.foundation)
        #expect(taken?.message.contains("a-z") == true)
        network.harness = harness
    }

    // MARK: DZX: create and accept_link

    @Test func aDzxLinkIsRequestedUntilSideZAcceptsIt() throws {
        var network = try network()
        network.harness.rejects(
            .invalidInterfaceZForExternal, .createLink(dzxArgs(network, sideZInterface: "Ethernet1/1")),
            as: network.harness.contributorOwner)
        let changes = try network.harness.run(.createLink(dzxArgs(network)), as: network.harness.contributorOwner)
        let key = try #require(changes.key(of: .link))
        var link = try network.harness.link(key)
        #expect(link.status == .requested)
        #expect(link.sideZIfaceName == "")
        // The request holds nothing on side Z's device until side Z accepts it.
        #expect(network.harness.state.devices[network.foreign]?.referenceCount == 0)
        #expect(network.harness.state.contributors[network.fixture.contributor]?.referenceCount == 3)
        #expect(network.harness.state.contributors[network.fixture.otherContributor]?.referenceCount == 1)
        network.harness.rejects(.invalidStatus, activate(key), as: network.harness.activator)

        let accept = Instruction.acceptLink(AcceptLinkArgs(pubkey: key, sideZIfaceName: "et1/1"))
        for signer in [
            network.harness.contributorOwner, network.harness.client, network.harness.stranger,
            network.harness.activator,
        ] {
            network.harness.rejects(.notAllowed, accept, as: signer)
        }
        network.harness.rejects(
            .invalidInterfaceName, .acceptLink(AcceptLinkArgs(pubkey: key, sideZIfaceName: "Ethernet7/1")),
            as: network.harness.otherOwner)
        try network.harness.run(accept, as: network.harness.otherOwner)
        link = try network.harness.link(key)
        #expect(link.status == .pending)
        #expect(link.sideZIfaceName == "Ethernet1/1")
        #expect(network.harness.state.devices[network.foreign]?.referenceCount == 1)
        network.harness.rejects(.invalidStatus, accept, as: network.harness.otherOwner)
        try network.harness.run(activate(key), as: network.harness.activator)
        #expect(try network.harness.interface("Ethernet1/1", of: network.foreign).ipNet == "172.16.0.1/31")
    }

    @Test func theFoundationMayAcceptAndTheSideZInterfaceMustBeFree() throws {
        var network = try network()
        let first = try #require(
            try network.harness.run(.createLink(dzxArgs(network)), as: network.harness.contributorOwner).key(of: .link))
        try network.harness.run(
            .acceptLink(AcceptLinkArgs(pubkey: first, sideZIfaceName: "Ethernet1/1")), as: network.harness.foundation)
        var second = dzxArgs(network, code: "a-x2")
        second.sideAIfaceName = "Ethernet1/1"
        let key = try #require(
            try network.harness.run(.createLink(second), as: network.harness.contributorOwner).key(of: .link))
        network.harness.rejects(
            .invalidStatus, .acceptLink(AcceptLinkArgs(pubkey: key, sideZIfaceName: "Ethernet1/1")),
            as: network.harness.otherOwner)
        try network.harness.run(
            .acceptLink(AcceptLinkArgs(pubkey: key, sideZIfaceName: "Ethernet2/1")), as: network.harness.otherOwner)
    }

    // MARK: activate_link

    @Test func activationGivesTheLinkItsNetAndBindsBothInterfaces() throws {
        var network = try network()
        let key = try network.harness.createWanLink("a-z", from: network.sideA, to: network.sideZ)
        for signer in network.harness.everyoneButTheActivator {
            network.harness.rejects(.notAllowed, activate(key, net: "172.16.0.8/31", id: 5), as: signer)
        }
        try network.harness.run(activate(key, net: "172.16.0.8/31", id: 5), as: network.harness.activator)
        let link = try network.harness.link(key)
        #expect(link.status == .activated)
        #expect(link.tunnelNet == "172.16.0.8/31")
        #expect(link.tunnelId == 5)
        let sideA = try network.harness.interface("Ethernet1/1", of: network.sideA)
        let sideZ = try network.harness.interface("Ethernet1/1", of: network.sideZ)
        #expect(sideA.status == .activated)
        #expect(sideA.ipNet == "172.16.0.8/31")
        #expect(sideZ.status == .activated)
        #expect(sideZ.ipNet == "172.16.0.9/31")
        network.harness.rejects(
            .invalidStatus, activate(key, net: "172.16.0.10/31", id: 6), as: network.harness.activator)
    }

    @Test(
        arguments: [
            "172.16.0.1/31",  // not aligned
            "172.16.0.0/30",  // not a /31
            "172.17.0.0/31",  // private, outside the block
            "8.8.8.0/31",  // not private
        ] as [IPv4Prefix])
    func activationNeedsAnAlignedPairOfTheBlock(net: IPv4Prefix) throws {
        var network = try network()
        let key = try network.harness.createWanLink("a-z", from: network.sideA, to: network.sideZ)
        let error = network.harness.rejects(.invalidTunnelNet, activate(key, net: net), as: network.harness.activator)
        #expect(error?.field == "tunnel_net")
    }

    @Test(arguments: [0, 1025] as [UInt16])
    func activationNeedsATunnelIdUpTo1024(id: UInt16) throws {
        var network = try network()
        let key = try network.harness.createWanLink("a-z", from: network.sideA, to: network.sideZ)
        network.harness.rejects(.invalidTunnelId, activate(key, id: id), as: network.harness.activator)
        try network.harness.run(activate(key, id: 1024), as: network.harness.activator)
    }

    @Test func activationRefusesCollisions() throws {
        var network = try network()
        var harness = network.harness
        let (a, z) = (network.sideA, network.sideZ)
        try harness.activeWanLink("first", from: a, to: z, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        let key = try harness.createWanLink(
            "second", from: a, to: z, sideAInterface: "Ethernet2/1", sideZInterface: "Ethernet2/1")
        let withLink = harness.rejects(
            .allocationFailed, activate(key, net: "172.16.0.0/31", id: 2), as: harness.activator)
        #expect(withLink?.message.contains("first") == true)
        let duplicateId = harness.rejects(
            .allocationFailed, activate(key, net: "172.16.0.2/31", id: 1), as: harness.activator)
        #expect(duplicateId?.field == "tunnel_id")
        try harness.run(
            .createDeviceInterface(
                CreateDeviceInterfaceArgs(device: network.foreign, name: "Loopback256", loopbackType: .ipv4)),
            as: harness.foundation)
        try harness.run(
            .activateDeviceInterface(
                ActivateDeviceInterfaceArgs(device: network.foreign, name: "Loopback256", ipNet: "172.16.0.3/32")),
            as: harness.activator)
        let withLoopback = harness.rejects(
            .allocationFailed, activate(key, net: "172.16.0.2/31", id: 2), as: harness.activator)
        #expect(withLoopback?.message.contains("Loopback256") == true)
        try harness.run(activate(key, net: "172.16.0.4/31", id: 2), as: harness.activator)
        network.harness = harness
    }

    @Test func rejectedLinksHoldNothingAndDeletingLinksStillDo() throws {
        var network = try network()
        var harness = network.harness
        let (a, z) = (network.sideA, network.sideZ)
        let first = try harness.activeWanLink("first", from: a, to: z, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        try harness.run(.updateLink(UpdateLinkArgs(pubkey: first, status: .hardDrained)), as: harness.contributorOwner)
        try harness.run(.deleteLink(PubkeyArgs(pubkey: first)), as: harness.contributorOwner)
        let key = try harness.createWanLink(
            "second", from: a, to: z, sideAInterface: "Ethernet2/1", sideZInterface: "Ethernet2/1")
        harness.rejects(.allocationFailed, activate(key, net: "172.16.0.0/31", id: 2), as: harness.activator)
        harness.rejects(.allocationFailed, activate(key, net: "172.16.0.2/31", id: 1), as: harness.activator)
        // A rejected link's leftover values are not live.
        var leftover = try harness.link(first)
        leftover.status = .rejected
        harness.insert(.link(leftover))
        var sideA = try harness.device(a)
        var sideZ = try harness.device(z)
        for index in sideA.interfaces.indices where sideA.interfaces[index].name == "Ethernet1/1" {
            sideA.interfaces[index].ipNet = nil
        }
        for index in sideZ.interfaces.indices where sideZ.interfaces[index].name == "Ethernet1/1" {
            sideZ.interfaces[index].ipNet = nil
        }
        harness.insert(.device(sideA))
        harness.insert(.device(sideZ))
        try harness.run(activate(key, net: "172.16.0.0/31", id: 1), as: harness.activator)
        network.harness = harness
    }

    // MARK: reject_link

    @Test func theActivatorRejectsPendingAndRequestedLinks() throws {
        var network = try network()
        let wan = try network.harness.createWanLink("a-z", from: network.sideA, to: network.sideZ)
        let dzx = try #require(
            try network.harness.run(.createLink(dzxArgs(network)), as: network.harness.contributorOwner).key(of: .link))
        let reject = Instruction.rejectLink(RejectArgs(pubkey: wan, reason: "no tunnel block left"))
        for signer in network.harness.everyoneButTheActivator {
            network.harness.rejects(.notAllowed, reject, as: signer)
        }
        network.harness.rejects(
            .invalidArgument, .rejectLink(RejectArgs(pubkey: wan, reason: "")), as: network.harness.activator)
        try network.harness.run(
            reject, .rejectLink(RejectArgs(pubkey: dzx, reason: "not wanted")), as: network.harness.activator)
        #expect(try network.harness.link(wan).status == .rejected)
        #expect(try network.harness.link(wan).rejectReason == "no tunnel block left")
        #expect(try network.harness.link(dzx).status == .rejected)
        network.harness.rejects(.invalidStatus, reject, as: network.harness.activator)
        // A rejected link still binds its interfaces until it is deleted and closed.
        for device in [network.sideA, network.sideZ] {
            try network.harness.run(
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Ethernet3/1", bandwidth: fixtureInterfaceBandwidth)
                ),
                as: network.harness.foundation)
        }
        network.harness.rejects(
            .invalidStatus,
            .createLink(
                network.harness.wanLinkArgs(
                    "again", from: network.sideA, to: network.sideZ, sideZInterface: "Ethernet3/1")),
            as: network.harness.foundation)
        let active = try network.harness.activeWanLink(
            "live", from: network.sideA, to: network.sideZ, tunnelNet: "172.16.0.0/31", tunnelId: 1,
            sideAInterface: "Ethernet3/1", sideZInterface: "Ethernet3/1")
        network.harness.rejects(
            .invalidStatus, .rejectLink(RejectArgs(pubkey: active, reason: "late")), as: network.harness.activator)
    }

    // MARK: update_link

    @Test func updateLinkChangesFieldsAndDrains() throws {
        var network = try network()
        let key = try network.harness.activeWanLink(
            "a-z", from: network.sideA, to: network.sideZ, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        for signer in network.harness.outsiders {
            network.harness.rejects(.notAllowed, .updateLink(UpdateLinkArgs(pubkey: key, delayNs: 30_000)), as: signer)
        }
        try network.harness.run(
            .updateLink(
                UpdateLinkArgs(
                    pubkey: key, code: "A-Z-NEW", bandwidth: fixtureInterfaceBandwidth, delayNs: 30_000,
                    jitterNs: 20_000,
                    delayOverrideNs: 500_000)),
            as: network.harness.contributorOwner)
        var link = try network.harness.link(key)
        #expect(link.code == "a-z-new")
        #expect(link.bandwidth == fixtureInterfaceBandwidth)
        #expect(link.delayNs == 30_000)
        #expect(link.jitterNs == 20_000)
        #expect(link.delayOverrideNs == 500_000)
        network.harness.rejects(
            .invalidBandwidth, .updateLink(UpdateLinkArgs(pubkey: key, bandwidth: fixtureInterfaceBandwidth + 1)),
            as: network.harness.foundation)
        network.harness.rejects(
            .invalidDelay, .updateLink(UpdateLinkArgs(pubkey: key, delayOverrideNs: 5)), as: network.harness.foundation)
        for status in [LinkStatus.softDrained, .hardDrained, .activated, .hardDrained, .softDrained] {
            try network.harness.run(
                .updateLink(UpdateLinkArgs(pubkey: key, status: status)), as: network.harness.foundation)
            link = try network.harness.link(key)
            #expect(link.status == status)
        }
        for status in [LinkStatus.pending, .requested, .deleting, .rejected] {
            network.harness.rejects(
                .invalidStatus, .updateLink(UpdateLinkArgs(pubkey: key, status: status)),
                as: network.harness.contributorOwner)
        }
    }

    @Test func onlyALiveLinkCanBeDrained() throws {
        var network = try network()
        let key = try network.harness.createWanLink("a-z", from: network.sideA, to: network.sideZ)
        network.harness.rejects(
            .invalidStatus, .updateLink(UpdateLinkArgs(pubkey: key, status: .softDrained)),
            as: network.harness.foundation)
        try network.harness.run(
            .updateLink(UpdateLinkArgs(pubkey: key, delayNs: 40_000)), as: network.harness.contributorOwner)
        try network.harness.run(.rejectLink(RejectArgs(pubkey: key, reason: "no")), as: network.harness.activator)
        try network.harness.run(.deleteLink(PubkeyArgs(pubkey: key)), as: network.harness.contributorOwner)
        network.harness.rejects(
            .invalidStatus, .updateLink(UpdateLinkArgs(pubkey: key, delayNs: 50_000)), as: network.harness.foundation)
    }

    @Test func sideZMayOnlyDrainAndOverrideDelay() throws {
        var network = try network()
        let key = try #require(
            try network.harness.run(.createLink(dzxArgs(network)), as: network.harness.contributorOwner).key(of: .link))
        try network.harness.run(
            .acceptLink(AcceptLinkArgs(pubkey: key, sideZIfaceName: "Ethernet1/1")), as: network.harness.otherOwner)
        try network.harness.run(activate(key), as: network.harness.activator)
        try network.harness.run(
            .updateLink(UpdateLinkArgs(pubkey: key, delayOverrideNs: 100_000, status: .softDrained)),
            as: network.harness.otherOwner)
        let link = try network.harness.link(key)
        #expect(link.status == .softDrained)
        #expect(link.delayOverrideNs == 100_000)
        for args in [
            UpdateLinkArgs(pubkey: key, code: "x"), UpdateLinkArgs(pubkey: key, bandwidth: fixtureLinkBandwidth),
            UpdateLinkArgs(pubkey: key, delayNs: 30_000), UpdateLinkArgs(pubkey: key, jitterNs: 30_000),
        ] {
            network.harness.rejects(.notAllowed, .updateLink(args), as: network.harness.otherOwner)
        }
        // Only the side-A contributor (or the foundation) deletes it.
        network.harness.rejects(.notAllowed, .deleteLink(PubkeyArgs(pubkey: key)), as: network.harness.otherOwner)
        try network.harness.run(.deleteLink(PubkeyArgs(pubkey: key)), as: network.harness.contributorOwner)
    }

    // MARK: delete_link / close_link

    @Test(arguments: [LinkStatus.softDrained, .hardDrained])
    func aDrainedLinkCanBeDeleted(status: LinkStatus) throws {
        var network = try network()
        let key = try network.harness.activeWanLink(
            "a-z", from: network.sideA, to: network.sideZ, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        let delete = Instruction.deleteLink(PubkeyArgs(pubkey: key))
        let error = network.harness.rejects(.invalidStatus, delete, as: network.harness.contributorOwner)
        #expect(error?.message.contains("drain it first") == true)
        try network.harness.run(
            .updateLink(UpdateLinkArgs(pubkey: key, status: status)), as: network.harness.contributorOwner)
        for signer in network.harness.outsiders {
            network.harness.rejects(.notAllowed, delete, as: signer)
        }
        try network.harness.run(delete, as: network.harness.contributorOwner)
        #expect(try network.harness.link(key).status == .deleting)
        // Still bound and addressed until the activator closes it.
        #expect(try network.harness.interface("Ethernet1/1", of: network.sideA).status == .activated)
        let again = network.harness.rejects(.invalidStatus, delete, as: network.harness.foundation)
        #expect(again?.message.contains("already being deleted") == true)
    }

    @Test func requestedRejectedLinksCanBeDeletedButNotPendingOnes() throws {
        var network = try network()
        let pending = try network.harness.createWanLink("a-z", from: network.sideA, to: network.sideZ)
        network.harness.rejects(
            .invalidStatus, .deleteLink(PubkeyArgs(pubkey: pending)), as: network.harness.foundation)
        try network.harness.run(.rejectLink(RejectArgs(pubkey: pending, reason: "no")), as: network.harness.activator)
        try network.harness.run(.deleteLink(PubkeyArgs(pubkey: pending)), as: network.harness.foundation)
        let requested = try #require(
            try network.harness.run(.createLink(dzxArgs(network)), as: network.harness.contributorOwner).key(of: .link))
        try network.harness.run(.deleteLink(PubkeyArgs(pubkey: requested)), as: network.harness.contributorOwner)
        #expect(try network.harness.link(requested).status == .deleting)
        try network.harness.run(.closeLink(PubkeyArgs(pubkey: requested)), as: network.harness.activator)
        #expect(network.harness.state.devices[network.foreign]?.referenceCount == 0)
        #expect(network.harness.state.contributors[network.fixture.otherContributor]?.referenceCount == 1)
    }

    @Test func closeLinkUnbindsTheInterfacesAndReleasesReferences() throws {
        var network = try network()
        let key = try network.harness.activeWanLink(
            "a-z", from: network.sideA, to: network.sideZ, tunnelNet: "172.16.0.0/31", tunnelId: 1)
        let close = Instruction.closeLink(PubkeyArgs(pubkey: key))
        network.harness.rejects(.invalidStatus, close, as: network.harness.activator)
        try network.harness.run(
            .updateLink(UpdateLinkArgs(pubkey: key, status: .hardDrained)), as: network.harness.contributorOwner)
        try network.harness.run(.deleteLink(PubkeyArgs(pubkey: key)), as: network.harness.contributorOwner)
        for signer in network.harness.everyoneButTheActivator {
            network.harness.rejects(.notAllowed, close, as: signer)
        }
        #expect(counts(network) == [3, 1, 1])
        try network.harness.run(close, as: network.harness.activator)
        #expect(network.harness.state.links[key] == nil)
        #expect(counts(network) == [2, 0, 0])
        for device in [network.sideA, network.sideZ] {
            let interface = try network.harness.interface("Ethernet1/1", of: device)
            #expect(interface.status == .unlinked)
            #expect(interface.ipNet == nil)
        }
        // The interfaces and the /31 and id are free again.
        try network.harness.activeWanLink(
            "again", from: network.sideA, to: network.sideZ, tunnelNet: "172.16.0.0/31", tunnelId: 1)
    }

    // MARK: the whole life cycle

    @Test func deviceAndLinkLifeCycle() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let owner = harness.contributorOwner
        // Devices: created pending, activated by the activator.
        var devices: [PublicKey] = []
        for (code, number) in [("la2-dz01", UInt8(1)), ("ny5-dz01", 2)] {
            let key = try harness.createDevice(code, number: number, fixture: fixture)
            #expect(try harness.device(key).status == .pending)
            try harness.run(.activateDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
            #expect(try harness.device(key).status == .activated)
            devices.append(key)
        }
        #expect(harness.infrastructureCounts(fixture) == [2, 2, 2])
        // Interfaces: a VPNv4 loopback and a physical link port on each.
        for (position, key) in devices.enumerated() {
            try harness.run(
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: key, name: "Loopback255", loopbackType: .vpnv4)),
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: key, name: "Ethernet1/1", bandwidth: fixtureInterfaceBandwidth)),
                as: owner)
            let address = IPv4Prefix(uncheckedAddress: IPv4Address(172, 16, 1, UInt8(position)), length: 32)
            try harness.run(
                .activateDeviceInterface(
                    ActivateDeviceInterfaceArgs(
                        device: key, name: "Loopback255", ipNet: address, nodeSegmentIdx: UInt16(position + 1))),
                as: harness.activator)
            #expect(try harness.interface("Loopback255", of: key).status == .activated)
        }
        // Link: created pending, activated with its /31 and id.
        let link = try harness.createWanLink("la2-dz01:ny5-dz01", from: devices[0], to: devices[1])
        #expect(try harness.link(link).status == .pending)
        #expect(try devices.map { try harness.device($0).referenceCount } == [1, 1])
        #expect(harness.infrastructureCounts(fixture) == [2, 2, 3])
        try harness.run(
            .activateLink(ActivateLinkArgs(pubkey: link, tunnelId: 1, tunnelNet: "172.16.0.0/31")),
            as: harness.activator)
        #expect(try harness.link(link).status == .activated)
        #expect(try harness.interface("Ethernet1/1", of: devices[0]).ipNet == "172.16.0.0/31")
        #expect(try harness.interface("Ethernet1/1", of: devices[1]).ipNet == "172.16.0.1/31")
        // Drain, delete, close the link.
        try harness.run(.updateLink(UpdateLinkArgs(pubkey: link, status: .softDrained)), as: owner)
        try harness.run(.deleteLink(PubkeyArgs(pubkey: link)), as: owner)
        #expect(try harness.link(link).status == .deleting)
        try harness.run(.closeLink(PubkeyArgs(pubkey: link)), as: harness.activator)
        #expect(harness.state.links.isEmpty)
        #expect(try harness.interface("Ethernet1/1", of: devices[0]).status == .unlinked)
        #expect(try devices.map { try harness.device($0).referenceCount } == [0, 0])
        #expect(harness.infrastructureCounts(fixture) == [2, 2, 2])
        // Drain the devices, remove their interfaces, delete and close them.
        for key in devices {
            try harness.run(.updateDevice(UpdateDeviceArgs(pubkey: key, status: .drained)), as: owner)
            harness.rejects(.deviceHasInterfaces, .deleteDevice(PubkeyArgs(pubkey: key)), as: owner)
            try harness.run(
                .deleteDeviceInterface(InterfaceArgs(device: key, name: "Ethernet1/1")),
                .deleteDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")),
                as: owner)
            #expect(try harness.interface("Loopback255", of: key).status == .deleting)
            try harness.run(
                .removeDeviceInterface(InterfaceArgs(device: key, name: "Loopback255")), as: harness.activator)
            try harness.run(.deleteDevice(PubkeyArgs(pubkey: key)), as: owner)
            #expect(try harness.device(key).status == .deleting)
            try harness.run(.closeDevice(PubkeyArgs(pubkey: key)), as: harness.activator)
            #expect(harness.state.devices[key] == nil)
        }
        #expect(harness.infrastructureCounts(fixture) == [0, 0, 0])
        // Nothing references the infrastructure any more: it can all go.
        try harness.run(
            .deleteContributor(PubkeyArgs(pubkey: fixture.contributor)),
            .deleteLocation(PubkeyArgs(pubkey: fixture.location)),
            .deleteExchange(PubkeyArgs(pubkey: fixture.exchange)), as: harness.foundation)
    }
}
