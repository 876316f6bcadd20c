import Ledger
import Models
import Testing

@Suite struct MulticastGroupProgramTests {
    private static func create(_ code: String = "mg01", bandwidth: UInt64 = 1_000_000_000, owner: PublicKey)
        -> Instruction
    {
        .createMulticastGroup(CreateMulticastGroupArgs(code: code, maxBandwidth: bandwidth, owner: owner))
    }

    private static func activate(_ group: PublicKey, _ ip: IPv4Address = TestAddresses.groupIp) -> Instruction {
        .activateMulticastGroup(ActivateMulticastGroupArgs(pubkey: group, multicastIp: ip))
    }

    private static func pubkey(_ key: PublicKey) -> PubkeyArgs { PubkeyArgs(pubkey: key) }

    // MARK: - Create / activate / reject

    @Test func creatingMakesAPendingGroupWithTheNextIndex() throws {
        var bed = try UserTestbed()
        let indexBefore = try #require(bed.state.globalState).accountIndex
        let key = try bed.addPendingGroup()
        let group = try bed.group(key)
        #expect(group.index == indexBefore + 1)
        #expect(key == EntitySeed.multicastGroup(index: group.index).publicKey)
        #expect(group.owner == bed.groupOwner.publicKey)
        #expect(group.status == .pending)
        #expect(group.multicastIp == .unspecified)
        #expect(group.publisherCount == 0 && group.subscriberCount == 0)
        #expect(bed.state.globalState?.accountIndex == indexBefore + 1)
    }

    @Test func creationRulesAreEnforced() throws {
        var bed = try UserTestbed()
        let owner = bed.groupOwner.publicKey
        bed.expectAuthorization(
            Self.create(owner: owner), allowed: [bed.harness.foundation],
            refused: [bed.sentinel, bed.harness.activator, bed.harness.client, bed.harness.stranger, bed.groupOwner])
        try bed.addPendingGroup(code: "mg01")
        let duplicate = bed.harness.rejects(
            .accountAlreadyInitialized, Self.create("MG01", owner: owner), as: bed.harness.foundation)
        #expect(duplicate?.message.contains("'MG01' already exists") == true)
        bed.harness.rejects(
            .invalidMaxBandwidth, Self.create("mg02", bandwidth: 0, owner: owner), as: bed.harness.foundation)
        bed.harness.rejects(.invalidAccountCode, Self.create("mg 02", owner: owner), as: bed.harness.foundation)
        bed.harness.rejects(.invalidArgument, Self.create("mg02", owner: .zero), as: bed.harness.foundation)
    }

    @Test func activationVerifiesTheActivatorsAddress() throws {
        var bed = try UserTestbed()
        let first = try bed.addPendingGroup(code: "mg01")
        let second = try bed.addPendingGroup(code: "mg02")
        bed.expectAuthorization(
            Self.activate(first), allowed: [bed.harness.activator],
            refused: [bed.harness.foundation, bed.sentinel, bed.groupOwner, bed.harness.client, bed.harness.stranger])
        let outside = bed.harness.rejects(
            .invalidMulticastIp, Self.activate(first, "233.84.179.1"), as: bed.harness.activator)
        #expect(outside?.message.contains("233.84.178.0/24") == true)
        try bed.harness.run(Self.activate(first), as: bed.harness.activator)
        let group = try bed.group(first)
        #expect(group.status == .activated)
        #expect(group.multicastIp == TestAddresses.groupIp)
        let taken = bed.harness.rejects(.allocationFailed, Self.activate(second), as: bed.harness.activator)
        #expect(taken?.message.contains("mg01") == true)
        bed.harness.rejects(.invalidStatus, Self.activate(first, "233.84.178.9"), as: bed.harness.activator)
        try bed.harness.run(Self.activate(second, "233.84.178.2"), as: bed.harness.activator)
    }

    @Test func rejectionNeedsAPendingGroupAndAReason() throws {
        var bed = try UserTestbed()
        let pending = try bed.addPendingGroup(code: "mg01")
        let reject = Instruction.rejectMulticastGroup(RejectArgs(pubkey: pending, reason: "pool exhausted"))
        bed.expectAuthorization(
            reject, allowed: [bed.harness.activator],
            refused: [bed.harness.foundation, bed.sentinel, bed.groupOwner, bed.harness.stranger])
        bed.harness.rejects(
            .invalidArgument, .rejectMulticastGroup(RejectArgs(pubkey: pending, reason: "  ")),
            as: bed.harness.activator)
        bed.harness.rejects(
            .invalidArgument,
            .rejectMulticastGroup(RejectArgs(pubkey: pending, reason: String(repeating: "x", count: 257))),
            as: bed.harness.activator)
        try bed.harness.run(reject, as: bed.harness.activator)
        let group = try bed.group(pending)
        #expect(group.status == .rejected)
        #expect(group.rejectReason == "pool exhausted")
        bed.harness.rejects(.invalidStatus, reject, as: bed.harness.activator)
        let active = try bed.addActivatedGroup(code: "mg02")
        bed.harness.rejects(
            .invalidStatus, .rejectMulticastGroup(RejectArgs(pubkey: active, reason: "late")), as: bed.harness.activator
        )
    }

    @Test func unknownGroupsAreReported() throws {
        var bed = try UserTestbed()
        let missing = Keypair().publicKey
        let error = bed.harness.rejects(.accountNotFound, Self.activate(missing), as: bed.harness.activator)
        #expect(error?.field == "group_pk")
    }

    // MARK: - Update / suspend / reactivate

    @Test func updatingChangesCodeBandwidthAndOwner() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedGroup(code: "mg01")
        try bed.addPendingGroup(code: "mg02")
        let newOwner = Keypair().publicKey
        let update = Instruction.updateMulticastGroup(
            UpdateMulticastGroupArgs(pubkey: key, code: "feed-a", maxBandwidth: 10, owner: newOwner))
        bed.expectAuthorization(
            update, allowed: [bed.harness.foundation],
            refused: [bed.groupOwner, bed.sentinel, bed.harness.activator, bed.harness.client, bed.harness.stranger])
        try bed.harness.run(update, as: bed.harness.foundation)
        let group = try bed.group(key)
        #expect(group.code == "feed-a")
        #expect(group.maxBandwidth == 10)
        #expect(group.owner == newOwner)
        #expect(group.status == .activated)
        bed.harness.rejects(
            .accountAlreadyInitialized, .updateMulticastGroup(UpdateMulticastGroupArgs(pubkey: key, code: "mg02")),
            as: bed.harness.foundation)
        bed.harness.rejects(
            .invalidMaxBandwidth, .updateMulticastGroup(UpdateMulticastGroupArgs(pubkey: key, maxBandwidth: 0)),
            as: bed.harness.foundation)
        // Its own code again is no change, refused as a no-op (not as a duplicate).
        bed.harness.rejects(
            .noStateChange, .updateMulticastGroup(UpdateMulticastGroupArgs(pubkey: key, code: "feed-a")),
            as: bed.harness.foundation)
    }

    @Test func suspendAndReactivateFollowTheStatusFlow() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedGroup()
        let pending = try bed.addPendingGroup(code: "mg02")
        let suspend = Instruction.suspendMulticastGroup(Self.pubkey(key))
        let reactivate = Instruction.reactivateMulticastGroup(Self.pubkey(key))
        bed.expectAuthorization(
            suspend, allowed: [bed.harness.foundation],
            refused: [bed.groupOwner, bed.harness.activator, bed.sentinel, bed.harness.stranger])
        bed.harness.rejects(.invalidStatus, reactivate, as: bed.harness.foundation)
        bed.harness.rejects(.invalidStatus, .suspendMulticastGroup(Self.pubkey(pending)), as: bed.harness.foundation)
        try bed.harness.run(suspend, as: bed.harness.foundation)
        #expect(try bed.group(key).status == .suspended)
        bed.harness.rejects(.invalidStatus, suspend, as: bed.harness.foundation)
        bed.expectAuthorization(
            reactivate, allowed: [bed.harness.foundation], refused: [bed.groupOwner, bed.harness.activator])
        try bed.harness.run(reactivate, as: bed.harness.foundation)
        #expect(try bed.group(key).status == .activated)
    }

    // MARK: - Delete / close

    @Test func deletionNeedsAnEmptySettledGroupAndTheActivatorCloses() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedGroup(subscribers: [bed.harness.client])
        try bed.harness.run(
            bed.createSubscribeUser(group: key, publisher: false, subscriber: true), as: bed.harness.client)
        let delete = Instruction.deleteMulticastGroup(Self.pubkey(key))
        let notEmpty = bed.harness.rejects(.multicastGroupNotEmpty, delete, as: bed.harness.foundation)
        #expect(notEmpty?.message.contains("1 subscriber") == true)
        try bed.harness.run(
            .updateMulticastRoles(
                UpdateMulticastRolesArgs(
                    user: UserTestbed.userKey(.multicast), group: key, publisher: false, subscriber: false)),
            as: bed.harness.client)
        bed.expectAuthorization(
            delete, allowed: [bed.harness.foundation],
            refused: [bed.groupOwner, bed.harness.activator, bed.sentinel, bed.harness.client])
        try bed.harness.run(delete, as: bed.harness.foundation)
        #expect(try bed.group(key).status == .deleting)
        bed.harness.rejects(.invalidStatus, delete, as: bed.harness.foundation)

        let close = Instruction.closeMulticastGroup(Self.pubkey(key))
        bed.expectAuthorization(
            close, allowed: [bed.harness.activator], refused: [bed.harness.foundation, bed.groupOwner])
        try bed.harness.run(close, as: bed.harness.activator)
        #expect(bed.state.multicastGroups[key] == nil)
        // The closed group's address is free again.
        let next = try bed.addPendingGroup(code: "mg03")
        try bed.harness.run(Self.activate(next), as: bed.harness.activator)
    }

    @Test func deletionIsRefusedForPendingGroupsAndAllowedForSuspendedAndRejectedOnes() throws {
        var bed = try UserTestbed()
        let pending = try bed.addPendingGroup(code: "mg01")
        bed.harness.rejects(.invalidStatus, .deleteMulticastGroup(Self.pubkey(pending)), as: bed.harness.foundation)
        bed.harness.rejects(.invalidStatus, .closeMulticastGroup(Self.pubkey(pending)), as: bed.harness.activator)
        try bed.harness.run(.rejectMulticastGroup(RejectArgs(pubkey: pending, reason: "no")), as: bed.harness.activator)
        try bed.harness.run(.deleteMulticastGroup(Self.pubkey(pending)), as: bed.harness.foundation)
        #expect(try bed.group(pending).status == .deleting)
        let suspended = try bed.addActivatedGroup(code: "mg02", ip: "233.84.178.2")
        try bed.harness.run(.suspendMulticastGroup(Self.pubkey(suspended)), as: bed.harness.foundation)
        try bed.harness.run(.deleteMulticastGroup(Self.pubkey(suspended)), as: bed.harness.foundation)
        #expect(try bed.group(suspended).status == .deleting)
    }

    // MARK: - Allowlists

    @Test func allowlistsAreKeptByTheGroupOwnerOrTheFoundation() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedGroup()
        let payer = Keypair().publicKey
        let args = MulticastAllowlistArgs(group: key, userPayer: payer)
        let refused = [bed.harness.activator, bed.sentinel, bed.harness.client, bed.harness.stranger]
        for add in [Instruction.addMulticastGroupPublisher(args), .addMulticastGroupSubscriber(args)] {
            bed.expectAuthorization(add, allowed: [bed.groupOwner, bed.harness.foundation], refused: refused)
        }
        try bed.harness.run(.addMulticastGroupPublisher(args), .addMulticastGroupSubscriber(args), as: bed.groupOwner)
        var group = try bed.group(key)
        #expect(group.publisherAllowlist == [payer])
        #expect(group.subscriberAllowlist == [payer])
        for remove in [Instruction.removeMulticastGroupPublisher(args), .removeMulticastGroupSubscriber(args)] {
            bed.expectAuthorization(remove, allowed: [bed.groupOwner, bed.harness.foundation], refused: refused)
        }
        try bed.harness.run(.removeMulticastGroupPublisher(args), as: bed.harness.foundation)
        group = try bed.group(key)
        #expect(group.publisherAllowlist.isEmpty)
        #expect(group.subscriberAllowlist == [payer])
    }

    @Test func allowlistDuplicatesAndAbsentKeysAreInvalidArguments() throws {
        var bed = try UserTestbed()
        let key = try bed.addActivatedGroup(publishers: [bed.harness.client], subscribers: [bed.harness.client])
        let listed = MulticastAllowlistArgs(group: key, userPayer: bed.harness.client.publicKey)
        let absent = MulticastAllowlistArgs(group: key, userPayer: bed.harness.stranger.publicKey)
        let duplicate = bed.harness.rejects(.invalidArgument, .addMulticastGroupPublisher(listed), as: bed.groupOwner)
        #expect(duplicate?.message.contains("already on the publisher allowlist") == true)
        bed.harness.rejects(.invalidArgument, .addMulticastGroupSubscriber(listed), as: bed.groupOwner)
        let missing = bed.harness.rejects(.invalidArgument, .removeMulticastGroupSubscriber(absent), as: bed.groupOwner)
        #expect(missing?.message.contains("not on the subscriber allowlist") == true)
        bed.harness.rejects(.invalidArgument, .removeMulticastGroupPublisher(absent), as: bed.groupOwner)
        bed.harness.rejects(
            .invalidArgument, .addMulticastGroupPublisher(MulticastAllowlistArgs(group: key, userPayer: .zero)),
            as: bed.groupOwner)
    }
}
