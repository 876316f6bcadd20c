import Ledger
import Models
import Testing

/// A key holding an exact-IP access pass is never blocked at that IP by another key's dynamic
/// pass, whichever comes first: a dynamic-pass user may not take an IP another key holds an
/// exact pass for, and an exact pass is not issued while another key's dynamic-pass user sits
/// on its IP.
@Suite struct ExactPassPriorityTests {
    /// A client with a dynamic pass only.
    let roamer = Keypair()
    /// An address nobody holds an exact pass for when the test starts.
    static let freeIp: IPv4Address = "185.1.1.40"

    /// The testbed (the harness client holds the exact pass for `TestAddresses.client`) plus a
    /// dynamic pass for `roamer`.
    private func testbed() throws -> UserTestbed {
        var bed = try UserTestbed()
        try bed.grantPass(to: roamer, ip: .unspecified)
        return bed
    }

    /// The exact pass for (`ip`, `payer`), as the foundation issues it.
    private func exactPass(_ ip: IPv4Address, for payer: Keypair) -> Instruction {
        .setAccessPass(SetAccessPassArgs(clientIp: ip, userPayer: payer.publicKey))
    }

    // MARK: the exact pass first

    @Test func aDynamicPassMayNotTakeAnAddressAnotherKeyHoldsAnExactPassFor() throws {
        var bed = try testbed()
        for type in [UserType.ibrl, .edgeFiltering, .multicast] {
            let error = bed.harness.rejects(
                .unauthorized, bed.createUser(type, endpoint: TestAddresses.deviceEndpoint), as: roamer)
            #expect(error?.field == "client_ip")
            #expect(
                error?.message.contains("reserved by the exact access pass of \(bed.harness.client.publicKey)") == true)
        }
        // The exact holder connects both its tunnels; the roamer may use any other address.
        try bed.addUser(.ibrl)
        try bed.addUser(.multicast, endpoint: TestAddresses.deviceEndpoint)
        try bed.addUser(.ibrl, as: roamer, ip: Self.freeIp)
    }

    @Test func aDynamicPassThatAllowsMultipleIpsIsHeldToTheSameRule() throws {
        var bed = try UserTestbed()
        try bed.grantPass(to: roamer, ip: .unspecified, allowMultipleIp: true)
        try bed.addUser(.ibrl, as: roamer, ip: Self.freeIp)
        bed.harness.rejects(
            .unauthorized, bed.createUser(.multicast, endpoint: TestAddresses.deviceEndpoint), as: roamer)
        try bed.addUser(.multicast, as: roamer, ip: "185.1.1.41")
    }

    @Test func aKeyWithItsOwnExactPassSharesTheAddress() throws {
        var bed = try testbed()
        try bed.grantPass(to: roamer)  // a second exact pass for TestAddresses.client
        try bed.addUser(.ibrl, as: roamer)  // admitted by its dynamic pass, but it holds an exact one too
        #expect(try bed.pass(.unspecified, roamer).connectionCount == 1)
    }

    // MARK: the dynamic-pass user first

    @Test func anExactPassIsNotIssuedWhileAnotherKeysDynamicUserHoldsTheAddress() throws {
        var bed = try testbed()
        let holder = bed.otherClient
        let squatter = try bed.addUser(.ibrl, as: roamer, ip: Self.freeIp)
        for issuer in [bed.harness.foundation, bed.sentinel] {
            let error = bed.harness.rejects(.addressInUse, exactPass(Self.freeIp, for: holder), as: issuer)
            #expect(error?.field == "client_ip")
            #expect(error?.message.contains("user \(squatter)") == true, "\(String(describing: error))")
            #expect(error?.message.contains("\(roamer.publicKey)") == true)
        }
        // A dynamic pass for the holder is no exact claim, and is not refused.
        try bed.grantPass(to: holder, ip: .unspecified)
        // Once the squatting user is gone (a rejected or deleting one still holds its key), the
        // exact pass is issued and the address is the holder's.
        try bed.harness.run(.rejectUser(RejectArgs(pubkey: squatter, reason: "test")), as: bed.harness.activator)
        bed.harness.rejects(.addressInUse, exactPass(Self.freeIp, for: holder), as: bed.harness.foundation)
        try bed.harness.run(.deleteUser(PubkeyArgs(pubkey: squatter)), as: bed.harness.foundation)
        bed.harness.rejects(.addressInUse, exactPass(Self.freeIp, for: holder), as: bed.harness.foundation)
        try bed.harness.run(.closeUser(PubkeyArgs(pubkey: squatter)), as: bed.harness.activator)
        try bed.harness.run(exactPass(Self.freeIp, for: holder), as: bed.harness.foundation)
        bed.harness.rejects(.unauthorized, bed.createUser(.ibrl, ip: Self.freeIp), as: roamer)
        try bed.addUser(.ibrl, as: holder, ip: Self.freeIp)
        // Re-issuing the holder's pass is not refused for the address (its own user is no
        // squatter); unchanged, it is refused only as a no-op.
        bed.harness.rejects(.noStateChange, exactPass(Self.freeIp, for: holder), as: bed.harness.foundation)
    }

    @Test func closingAnExactPassMayNotLeaveItsHoldersUserBlockingAnother() throws {
        var bed = try testbed()
        let holder = bed.otherClient
        try bed.grantPass(to: roamer, ip: Self.freeIp)
        try bed.addUser(.ibrl, as: roamer, ip: Self.freeIp)  // through the dynamic pass
        try bed.harness.run(exactPass(Self.freeIp, for: holder), as: bed.harness.foundation)
        let close = Instruction.closeAccessPass(AccessPassKeyArgs(clientIp: Self.freeIp, userPayer: roamer.publicKey))
        let error = bed.harness.rejects(.addressInUse, close, as: bed.harness.foundation)
        #expect(error?.message.contains("\(holder.publicKey)") == true, "\(String(describing: error))")
        // Without another exact holder it may be closed.
        try bed.harness.run(
            .closeAccessPass(AccessPassKeyArgs(clientIp: Self.freeIp, userPayer: holder.publicKey)),
            close, as: bed.harness.foundation)
    }
}
