import Ledger
import Models
import Testing

/// No authority or owner is ever the all-zero key (which stands for "no key") or a weak key
/// (small order: forged signatures verify for it); a value that may be unset is nil instead.
/// On the old code every refusal here was accepted.
@Suite struct AuthorityKeyTests {
    /// The identity point: a small-order key that is not all zeros.
    static let identityKey = PublicKey(uncheckedBytes: [1] + [UInt8](repeating: 0, count: 31))

    /// The keys that can never hold authority.
    static let weakKeys = [PublicKey.zero, identityKey]

    /// Expects `instruction` by `signer` to fail with `InvalidArgument` naming `field`.
    static func refuses(
        _ harness: inout ProgramHarness, _ instruction: Instruction, field: String, as signer: Keypair,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = harness.rejects(.invalidArgument, instruction, as: signer, sourceLocation: sourceLocation)
        #expect(error?.field == field, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func globalAuthoritiesAndAllowlistsRefuseWeakKeys() throws {
        var harness = ProgramHarness()
        try harness.initialize()
        for key in Self.weakKeys {
            Self.refuses(
                &harness, .setAuthority(SetAuthorityArgs(activatorAuthority: key)), field: "activator_authority",
                as: harness.foundation)
            Self.refuses(
                &harness, .setAuthority(SetAuthorityArgs(sentinelAuthority: key)), field: "sentinel_authority",
                as: harness.foundation)
            Self.refuses(
                &harness, .addFoundationAllowlist(PubkeyArgs(pubkey: key)), field: "foundation_allowlist",
                as: harness.foundation)
            Self.refuses(
                &harness, .addQaAllowlist(PubkeyArgs(pubkey: key)), field: "qa_allowlist", as: harness.foundation)
        }
        let zeroError = harness.rejects(
            .invalidArgument, .setAuthority(SetAuthorityArgs(activatorAuthority: .zero)), as: harness.foundation)
        #expect(zeroError?.message.contains("all-zero key") == true, "\(String(describing: zeroError))")
        let weakError = harness.rejects(
            .invalidArgument, .setAuthority(SetAuthorityArgs(activatorAuthority: Self.identityKey)),
            as: harness.foundation)
        #expect(weakError?.message.contains("weak Ed25519 key") == true, "\(String(describing: weakError))")
        // A real key is still accepted.
        try harness.run(.setAuthority(SetAuthorityArgs(sentinelAuthority: Keypair().publicKey)), as: harness.foundation)
    }

    @Test func contributorOwnersAndOpsManagersRefuseWeakKeys() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        for key in Self.weakKeys {
            Self.refuses(
                &harness, .createContributor(CreateContributorArgs(code: "co09", owner: key)), field: "owner",
                as: harness.foundation)
            Self.refuses(
                &harness, .updateContributor(UpdateContributorArgs(pubkey: fixture.contributor, owner: key)),
                field: "owner", as: harness.foundation)
        }
        Self.refuses(
            &harness,
            .updateContributor(UpdateContributorArgs(pubkey: fixture.contributor, opsManager: Self.identityKey)),
            field: "ops_manager_pk", as: harness.foundation)
        // The zero key in an update removes the ops manager: it never becomes one.
        let manager = Keypair().publicKey
        try harness.run(
            .updateContributor(UpdateContributorArgs(pubkey: fixture.contributor, opsManager: manager)),
            as: harness.foundation)
        #expect(harness.state.contributors[fixture.contributor]?.opsManager == manager)
        try harness.run(
            .updateContributor(UpdateContributorArgs(pubkey: fixture.contributor, opsManager: .zero)),
            as: harness.foundation)
        #expect(harness.state.contributors[fixture.contributor]?.opsManager == nil)
    }

    @Test func aDevicesMetricsPublisherIsOptionalAndNeverWeak() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let device = try harness.createDevice("dz01", number: 1, fixture: fixture)
        #expect(try harness.device(device).metricsPublisher == nil)
        for key in Self.weakKeys {
            var args = harness.deviceArgs("dz02", number: 2, contributor: fixture.contributor, fixture: fixture)
            args.metricsPublisher = key
            Self.refuses(&harness, .createDevice(args), field: "metrics_publisher_pk", as: harness.contributorOwner)
        }
        Self.refuses(
            &harness, .updateDevice(UpdateDeviceArgs(pubkey: device, metricsPublisher: Self.identityKey)),
            field: "metrics_publisher_pk", as: harness.contributorOwner)
        let publisher = Keypair().publicKey
        try harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: device, metricsPublisher: publisher)), as: harness.contributorOwner)
        #expect(try harness.device(device).metricsPublisher == publisher)
        try harness.run(
            .updateDevice(UpdateDeviceArgs(pubkey: device, metricsPublisher: .zero)), as: harness.contributorOwner)
        #expect(try harness.device(device).metricsPublisher == nil)
    }

    @Test func multicastGroupsAndAccessPassesRefuseWeakKeys() throws {
        var bed = try UserTestbed()
        let group = try bed.addPendingGroup()
        let foundation = bed.harness.foundation
        for key in Self.weakKeys {
            bed.harness.rejects(
                .invalidArgument,
                .createMulticastGroup(CreateMulticastGroupArgs(code: "mg09", maxBandwidth: 1_000_000, owner: key)),
                as: foundation)
            bed.harness.rejects(
                .invalidArgument, .updateMulticastGroup(UpdateMulticastGroupArgs(pubkey: group, owner: key)),
                as: foundation)
            bed.harness.rejects(
                .invalidArgument, .addMulticastGroupPublisher(MulticastAllowlistArgs(group: group, userPayer: key)),
                as: foundation)
            bed.harness.rejects(
                .invalidArgument, .addMulticastGroupSubscriber(MulticastAllowlistArgs(group: group, userPayer: key)),
                as: foundation)
            Self.refuses(
                &bed.harness, .setAccessPass(SetAccessPassArgs(clientIp: "44.9.9.9", userPayer: key)),
                field: "user_payer", as: foundation)
        }
    }
}
