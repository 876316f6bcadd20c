import Foundation
import Ledger
import Models
import Testing

@Suite struct CoreProgramTests {
    @Test func initialisationMakesTheGenesisFoundationEveryRoleOnce() throws {
        var harness = ProgramHarness()
        try harness.run(.initGlobalState, as: harness.foundation)
        let global = try #require(harness.state.globalState)
        #expect(global.foundationAllowlist == [harness.foundation.publicKey])
        #expect(global.activatorAuthority == harness.foundation.publicKey)
        // A second init changes nothing, so it is refused rather than appended (a free log flood).
        harness.rejects(.accountAlreadyInitialized, .initGlobalState, as: harness.stranger)
        harness.rejects(.accountAlreadyInitialized, .initGlobalState, as: harness.foundation)
        #expect(harness.state.globalState == global)
    }

    @Test func onlyTheGenesisFoundationMayInitialise() throws {
        var harness = ProgramHarness()
        // The take-over of a fresh server: the first caller is not the founder.
        let error = harness.rejects(.notAllowed, .initGlobalState, as: harness.stranger)
        #expect(error?.message.contains(harness.foundation.publicKey.base58) == true)
        #expect(harness.state.globalState == nil)
        // A bare state (no genesis) can be initialised by no one.
        var bare = LedgerState()
        let message = TransactionMessage(
            signer: harness.foundation.publicKey, nonce: 1, ledger: harness.ledger, instructions: [.initGlobalState])
        #expect(throws: ProgramError.self) { _ = try bare.apply(message) }
        try harness.run(.initGlobalState, as: harness.foundation)
        #expect(harness.state.globalState?.foundationAllowlist == [harness.foundation.publicKey])
    }

    @Test func aTransactionThatChangesNothingIsRefused() throws {
        var harness = ProgramHarness()
        try harness.initialize()
        try harness.run(.setEpoch(SetEpochArgs(epoch: 5)), as: harness.foundation)
        let error = harness.rejects(.noStateChange, .setEpoch(SetEpochArgs(epoch: 5)), as: harness.foundation)
        #expect(error?.message.contains("changes nothing") == true)
    }

    @Test func nothingWorksBeforeInitialisation() {
        var harness = ProgramHarness()
        harness.rejects(
            .notInitialized,
            .createLocation(CreateLocationArgs(code: "lax", name: "LA", country: "US", latitude: 0, longitude: 0)),
            as: harness.foundation)
    }

    @Test func exchangesTakeConsecutiveCommunitiesAndTheCounterAdvances() throws {
        var harness = ProgramHarness()
        try harness.initialize()
        var communities: [UInt16] = []
        for code in ["xlax", "xewr", "xlhr"] {
            let changes = try harness.run(
                .createExchange(CreateExchangeArgs(code: code, name: code, latitude: 1, longitude: 1)),
                as: harness.foundation)
            let key = try #require(changes.key(of: .exchange))
            communities.append(try #require(harness.state.exchanges[key]).bgpCommunity)
        }
        #expect(communities == [10000, 10001, 10002])
        #expect(harness.state.globalConfig?.nextBgpCommunity == 10003)
    }

    @Test func aFailingInstructionUndoesTheWholeTransaction() throws {
        var harness = ProgramHarness()
        try harness.initialize()
        let error = harness.rejects(
            .invalidCountryCode,
            .createLocation(CreateLocationArgs(code: "lax", name: "LA", country: "US", latitude: 0, longitude: 0)),
            .createLocation(CreateLocationArgs(code: "ewr", name: "NY", country: "USA", latitude: 0, longitude: 0)),
            as: harness.foundation)
        #expect(error?.message.hasPrefix("instruction 1 (create_location)") == true)
        #expect(harness.state.locations.isEmpty)
        #expect(harness.state.globalState?.accountIndex == 0)
    }

    @Test func signedTransactionsRoundTripAndTamperingIsCaught() throws {
        let keypair = Keypair()
        let ledger = LedgerGenesis(foundation: keypair.publicKey).id
        let transaction = SignedTransaction([.initGlobalState], signedBy: keypair, for: ledger, nonce: 7)
        let decoded = try SignedTransaction(wire: transaction.wire)
        #expect(decoded == transaction)
        #expect(decoded.message.nonce == 7)
        var bytes = transaction.messageBytes
        bytes[bytes.count - 3] ^= 0x01
        #expect(throws: ProgramError.self) {
            try SignedTransaction(messageBytes: bytes, signature: transaction.signature)
        }
        do {
            _ = try SignedTransaction(messageBytes: bytes, signature: transaction.signature)
        } catch {
            #expect([.invalidSignature, .malformedTransaction].contains(error.code))
        }
    }

    @Test func keypairFilesRoundTripAndMismatchedFilesAreRefused() throws {
        let keypair = Keypair()
        let restored = try Keypair(file: keypair.file)
        #expect(restored.publicKey == keypair.publicKey)
        let other = Keypair()
        let forged = try KeypairFile(secretSeed: keypair.file.secretSeed, publicKey: other.publicKey)
        #expect(throws: KeypairError.self) { try Keypair(file: forged) }
    }

    /// JSON has no NaN: a client that signs one gets a clear refusal from the ledger, not a crash.
    @Test func nonFiniteNumbersAreRefusedNotCrashedOn() throws {
        let keypair = Keypair()
        let transaction = SignedTransaction(
            [.createLocation(CreateLocationArgs(code: "x", name: "x", country: "US", latitude: .nan, longitude: 0))],
            signedBy: keypair, for: LedgerGenesis(foundation: keypair.publicKey).id)
        do {
            _ = try SignedTransaction(wire: transaction.wire)
            Issue.record("a NaN latitude was accepted")
        } catch {
            #expect(error.code == .malformedTransaction)
        }
    }
}
