import Ledger
import Models
import Testing

@Suite struct AccessPassProgramTests {
    private static func passArgs(
        _ ip: IPv4Address = TestAddresses.otherClient, payer: PublicKey, type: AccessPassType = .prepaid,
        typeKey: PublicKey? = nil, typeName: String? = nil, epoch: UInt64 = AccessPass.unlimitedEpoch,
        allowMultipleIp: Bool = false
    ) -> Instruction {
        .setAccessPass(
            SetAccessPassArgs(
                accessPassType: type, typeKey: typeKey, typeName: typeName, clientIp: ip, userPayer: payer,
                lastAccessEpoch: epoch, allowMultipleIp: allowMultipleIp))
    }

    @Test func settingANewPassCreatesItRequestedAndOwnedByTheSigner() throws {
        var bed = try UserTestbed()
        let payer = Keypair()
        let changes = try bed.harness.run(Self.passArgs(payer: payer.publicKey, epoch: 7), as: bed.sentinel)
        let key = EntitySeed.accessPass(clientIp: TestAddresses.otherClient, userPayer: payer.publicKey).publicKey
        #expect(changes.map(\.ref) == [EntityRef(kind: .accessPass, pubkey: key)])
        let pass = try bed.pass(TestAddresses.otherClient, payer)
        #expect(pass.owner == bed.sentinel.publicKey)
        #expect(pass.status == .requested)
        #expect(pass.connectionCount == 0)
        #expect(pass.clientIp == TestAddresses.otherClient)
        #expect(pass.userPayer == payer.publicKey)
        #expect(pass.lastAccessEpoch == 7)
        #expect(pass.accessPassType == .prepaid)
    }

    @Test func onlyTheFoundationAndTheSentinelManagePasses() throws {
        let bed = try UserTestbed()
        let payer = Keypair().publicKey
        let refused = [
            bed.harness.activator, bed.harness.client, bed.otherClient, bed.harness.stranger, bed.groupOwner,
        ]
        bed.expectAuthorization(
            Self.passArgs(payer: payer), allowed: [bed.harness.foundation, bed.sentinel], refused: refused)
        var withPass = bed
        try withPass.harness.run(Self.passArgs(payer: payer), as: withPass.harness.foundation)
        withPass.expectAuthorization(
            .closeAccessPass(AccessPassKeyArgs(clientIp: TestAddresses.otherClient, userPayer: payer)),
            allowed: [withPass.harness.foundation, withPass.sentinel], refused: refused)
    }

    @Test func updatingOverwritesTheTermsAndKeepsOwnerStatusAndConnections() throws {
        var bed = try UserTestbed()
        try bed.addUser()
        let validator = Keypair().publicKey
        try bed.harness.run(
            Self.passArgs(
                TestAddresses.client, payer: bed.harness.client.publicKey, type: .solanaValidator, typeKey: validator,
                epoch: 9, allowMultipleIp: true),
            as: bed.sentinel)
        let pass = try bed.pass(TestAddresses.client, bed.harness.client)
        #expect(pass.owner == bed.harness.foundation.publicKey)
        #expect(pass.accessPassType == .solanaValidator)
        #expect(pass.typeKey == validator)
        #expect(pass.lastAccessEpoch == 9)
        #expect(pass.allowMultipleIp)
        #expect(pass.connectionCount == 1)
        #expect(pass.status == .connected)
    }

    @Test func lastAccessEpochMustBeZeroOrNotInThePast() throws {
        var bed = try UserTestbed()
        try bed.harness.run(.setEpoch(SetEpochArgs(epoch: 10)), as: bed.harness.foundation)
        let payer = Keypair().publicKey
        let error = bed.harness.rejects(
            .invalidLastAccessEpoch, Self.passArgs(payer: payer, epoch: 9), as: bed.harness.foundation)
        #expect(error?.field == "last_access_epoch")
        #expect(error?.message.contains("current epoch 10") == true)
        try bed.harness.run(Self.passArgs(payer: payer, epoch: 10), as: bed.harness.foundation)
        try bed.harness.run(Self.passArgs(payer: payer, epoch: 0), as: bed.harness.foundation)
        #expect(bed.state.accessPasses.values.first { $0.userPayer == payer }?.lastAccessEpoch == 0)
    }

    @Test func passFieldsAreValidated() throws {
        var bed = try UserTestbed()
        let payer = Keypair().publicKey
        bed.harness.rejects(
            .invalidSolanaPubkey, Self.passArgs(payer: payer, type: .solanaValidator), as: bed.harness.foundation)
        bed.harness.rejects(.invalidArgument, Self.passArgs(payer: payer, type: .others), as: bed.harness.foundation)
        bed.harness.rejects(.invalidClientIp, Self.passArgs("10.0.0.1", payer: payer), as: bed.harness.foundation)
        bed.harness.rejects(.invalidArgument, Self.passArgs(payer: .zero), as: bed.harness.foundation)
        try bed.harness.run(Self.passArgs(payer: payer, type: .others, typeName: "partner"), as: bed.harness.foundation)
    }

    @Test func closingNeedsAnExistingIdlePass() throws {
        var bed = try UserTestbed()
        let user = try bed.addUser()
        let close = Instruction.closeAccessPass(
            AccessPassKeyArgs(clientIp: TestAddresses.client, userPayer: bed.harness.client.publicKey))
        let inUse = bed.harness.rejects(.accessPassInUse, close, as: bed.harness.foundation)
        #expect(inUse?.message.contains("1 connected user") == true)
        bed.harness.rejects(
            .accessPassNotFound,
            .closeAccessPass(
                AccessPassKeyArgs(clientIp: TestAddresses.otherClient, userPayer: bed.harness.client.publicKey)),
            as: bed.harness.foundation)
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: user, reason: "no capacity")), as: bed.harness.activator)
        #expect(try bed.pass(TestAddresses.client, bed.harness.client).status == .disconnected)
        try bed.harness.run(close, as: bed.harness.foundation)
        #expect(
            bed.state.accessPasses[
                EntitySeed.accessPass(clientIp: TestAddresses.client, userPayer: bed.harness.client.publicKey).publicKey
            ] == nil)
    }
}
