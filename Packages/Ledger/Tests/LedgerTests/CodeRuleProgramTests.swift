import Ledger
import Models
import Testing

/// The program refuses look-alike codes (Models' one code rule) on create and on update.
@Suite struct CodeRuleProgramTests {
    @Test func aCyrillicLookAlikeOfADeviceCodeIsRefused() throws {
        var harness = ProgramHarness()
        let fixture = try harness.deviceFixture()
        let key = try harness.createDevice("ams-dz01", number: 1, fixture: fixture)
        let args = harness.deviceArgs("\u{0430}ms-dz01", number: 2, contributor: fixture.contributor, fixture: fixture)
        let error = harness.rejects(.invalidAccountCode, .createDevice(args), as: harness.contributorOwner)
        #expect(error?.message.contains("U+0430 (CYRILLIC SMALL LETTER A) at position 1") == true)
        harness.rejects(
            .invalidAccountCode, .updateDevice(UpdateDeviceArgs(pubkey: key, code: "ams-dz0\u{FF11}")),
            as: harness.contributorOwner)
    }

    @Test(arguments: ["l\u{0430}x", "lax\u{200B}", "la\u{0301}x", "\u{FF4C}ax"])
    func infrastructureCodesRefuseLookAlikes(_ code: String) throws {
        var harness = ProgramHarness()
        try harness.initialize()
        harness.rejects(
            .invalidAccountCode,
            .createLocation(CreateLocationArgs(code: code, name: "LA", country: "US", latitude: 34, longitude: -118)),
            as: harness.foundation)
        harness.rejects(
            .invalidAccountCode,
            .createExchange(CreateExchangeArgs(code: code, name: "LA", latitude: 34, longitude: -118)),
            as: harness.foundation)
        harness.rejects(
            .invalidAccountCode,
            .createContributor(CreateContributorArgs(code: code, owner: harness.contributorOwner.publicKey)),
            as: harness.foundation)
        harness.rejects(
            .invalidAccountCode,
            .createMulticastGroup(
                CreateMulticastGroupArgs(code: code, maxBandwidth: 1_000_000, owner: harness.client.publicKey)),
            as: harness.foundation)
    }
}
