import Foundation
import Ledger
import Models
import PropertyBased
import Testing

/// Signed message bytes must be the one canonical encoding of the message: each way of writing
/// the same message differently is refused with `NonCanonicalMessage`, naming what differs.
/// Every test here signs the altered bytes with the signer's real key, so the form is the only
/// thing wrong; on the old code each of them was accepted.
@Suite struct CanonicalMessageTests {
    let keypair = Keypair()

    /// The canonical message text of `instructions`, as the ledger's own signer writes it.
    func canonicalText(_ instructions: [Instruction], nonce: UInt64 = 1000) -> String {
        String(
            decoding: SignedTransaction(instructions, signedBy: keypair, for: TestLedger.id, nonce: nonce).messageBytes,
            as: UTF8.self)
    }

    /// `text` with `original` (which must occur in it) replaced.
    func altered(_ text: String, _ original: String, _ replacement: String) throws -> String {
        try #require(text.contains(original), "\(original) is not in \(text)")
        return text.replacingOccurrences(of: original, with: replacement)
    }

    /// The error refusing `text` signed by the key, or nil (recorded) when it is accepted.
    func refusal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ProgramError? {
        let bytes = Array(text.utf8)
        do {
            _ = try SignedTransaction(messageBytes: bytes, signature: keypair.sign(bytes))
            Issue.record("accepted: \(text)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    static let epoch: [Instruction] = [.setEpoch(SetEpochArgs(epoch: 5))]

    @Test func theCanonicalFormIsAccepted() throws {
        let text = canonicalText(Self.epoch)
        let bytes = Array(text.utf8)
        let decoded = try SignedTransaction(messageBytes: bytes, signature: keypair.sign(bytes))
        #expect(decoded.message.instructions == Self.epoch)
    }

    @Test func duplicateKeysInTheMessageAreRefusedByName() throws {
        let text = canonicalText(Self.epoch)
        let nested = try altered(text, #"{"epoch":5}"#, #"{"epoch":5,"epoch":6}"#)
        let error = try #require(refusal(nested))
        #expect(error.code == .nonCanonicalMessage)
        #expect(error.message.contains("duplicate key 'epoch'"), "\(error)")
        #expect(error.message.contains("instructions.0.args"), "\(error)")
        #expect(error.field == "instructions.0.args.epoch")

        let top = try altered(text, #""nonce":1000"#, #""nonce":1000,"nonce":1001"#)
        let topError = try #require(refusal(top))
        #expect(topError.code == .nonCanonicalMessage)
        #expect(topError.message.contains("duplicate key 'nonce'") && topError.message.contains("top level"))
    }

    @Test func anUnknownFieldIsRefusedWithItsPath() throws {
        let text = try altered(canonicalText(Self.epoch), #"{"epoch":5}"#, #"{"epoch":5,"x":1}"#)
        let error = try #require(refusal(text))
        #expect(error.code == .nonCanonicalMessage)
        #expect(error.message.contains("unknown field 'x' at instructions.0.args"), "\(error)")
        #expect(error.field == "instructions.0.args.x")
    }

    @Test func anExponentIntegerIsRefused() throws {
        let text = try altered(canonicalText(Self.epoch), #""nonce":1000"#, #""nonce":1e3"#)
        let error = try #require(refusal(text))
        #expect(error.code == .nonCanonicalMessage)
        #expect(error.message.contains("the number at nonce is written as 1e3; it must be 1000"), "\(error)")
        #expect(error.field == "nonce")
    }

    @Test func aFractionalIntegerIsRefused() throws {
        let text = try altered(canonicalText(Self.epoch), #"{"epoch":5}"#, #"{"epoch":5.0}"#)
        let error = try #require(refusal(text))
        #expect(error.code == .nonCanonicalMessage || error.code == .malformedTransaction, "\(error)")
        if error.code == .nonCanonicalMessage {
            #expect(error.message.contains("instructions.0.args.epoch is written as 5.0; it must be 5"), "\(error)")
        }
    }

    @Test func reorderedKeysAreRefused() throws {
        let text = try altered(
            canonicalText(Self.epoch), #"{"args":{"epoch":5},"type":"set_epoch"}"#,
            #"{"type":"set_epoch","args":{"epoch":5}}"#)
        let error = try #require(refusal(text))
        #expect(error.code == .nonCanonicalMessage)
        #expect(error.message.contains("keys out of order at instructions.0: type, args"), "\(error)")
        #expect(error.field == "instructions.0")
    }

    @Test func whiteSpaceIsRefused() throws {
        let text = try altered(canonicalText(Self.epoch), #""nonce":1000"#, #""nonce": 1000"#)
        let error = try #require(refusal(text))
        #expect(error.code == .nonCanonicalMessage)
        #expect(error.message.contains("white space at byte"), "\(error)")
        let trailing = try #require(refusal(canonicalText(Self.epoch) + "\n"))
        #expect(trailing.code == .nonCanonicalMessage)
    }

    @Test func nullsAndLeftOutDefaultsAndEscapesAreRefused() throws {
        let authority: [Instruction] = [.setAuthority(SetAuthorityArgs(activatorAuthority: Keypair().publicKey))]
        let withNull = try altered(canonicalText(authority), #""args":{"#, #""args":{"sentinel_authority":null,"#)
        let nullError = try #require(refusal(withNull))
        #expect(nullError.code == .nonCanonicalMessage)
        #expect(nullError.message.contains("'sentinel_authority' at instructions.0.args is null"), "\(nullError)")

        let contributor: [Instruction] = [
            .createContributor(CreateContributorArgs(code: "co01", owner: keypair.publicKey))
        ]
        let escaped = try altered(canonicalText(contributor), #""code":"co01""#, #""code":"c\u006f01""#)
        let escapeError = try #require(refusal(escaped))
        #expect(escapeError.code == .nonCanonicalMessage)
        #expect(escapeError.message.contains(#"the string at instructions.0.args.code is written as "c\u006f01""#))

        let device: [Instruction] = [
            .createDevice(
                CreateDeviceArgs(
                    code: "d1", contributor: keypair.publicKey, location: keypair.publicKey,
                    exchange: keypair.publicKey, publicIp: "44.0.0.1", dzPrefixes: ["45.0.0.0/29"]))
        ]
        let withoutDefault = try altered(canonicalText(device), #","max_unicast_users":48"#, "")
        let missing = try #require(refusal(withoutDefault))
        #expect(missing.code == .nonCanonicalMessage)
        #expect(missing.message.contains("'max_unicast_users' at instructions.0.args is missing"), "\(missing)")
    }

    /// Hostile shapes are refused before decoding, with the limit named.
    @Test func deepNestingAndTooManyInstructionsAreRefusedBeforeDecoding() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let deepError = try #require(refusal(deep))
        #expect(deepError.code == .malformedTransaction)
        #expect(deepError.message.contains("deeper than \(SignedTransaction.maxJSONDepth)"), "\(deepError)")

        let many = Array(repeating: #"{"type":"init_global_state"}"#, count: 1000).joined(separator: ",")
        let manyError = try #require(refusal(#"{"instructions":[\#(many)],"nonce":1}"#))
        #expect(manyError.code == .malformedTransaction)
        #expect(manyError.message.contains("1000 instructions; the limit is 64"), "\(manyError)")
    }

    /// Every message the ledger's own signer writes reads back as canonical, Doubles included:
    /// the canonical encoding is a fixed point of decoding then encoding.
    @Test func everyMessageWeSignIsCanonical() async {
        let finite = Gen.uint64().map { Double(bitPattern: $0) }.filter { $0.isFinite }
        await propertyCheck(count: 300, input: finite, finite) { latitude, longitude in
            let instructions: [Instruction] = [
                .createLocation(
                    CreateLocationArgs(code: "lax", name: "LA", country: "US", latitude: latitude, longitude: longitude)
                ),
                .updateExchange(
                    UpdateExchangeArgs(pubkey: keypair.publicKey, latitude: longitude, longitude: latitude)),
            ]
            let transaction = SignedTransaction(
                instructions, signedBy: keypair, for: TestLedger.id, nonce: .random(in: 1...UInt64.max))
            let decoded = try SignedTransaction(
                messageBytes: transaction.messageBytes, signature: transaction.signature)
            #expect(decoded == transaction)
            #expect(try SignedTransaction(wire: transaction.wire) == transaction)
        }
    }

    /// The same for random transactions over every instruction family.
    @Test func everyGeneratedTransactionIsCanonical() throws {
        for seed in UInt64(1)...5 {
            var generator = RandomTransactionGenerator(seed: seed)
            var state = LedgerState()
            for _ in 0..<300 {
                let transaction = generator.nextTransaction(in: state)
                let decoded = try SignedTransaction(wire: transaction.wire)
                #expect(decoded == transaction)
                if (try? state.apply(transaction.message)) != nil { generator.accepted(transaction) }
            }
        }
    }
}
