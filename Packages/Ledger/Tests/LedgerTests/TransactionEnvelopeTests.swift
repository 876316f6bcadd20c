import Foundation
import Ledger
import Models
import Testing

/// The wire envelope is read strictly, and each field's length is checked before it is decoded:
/// a hostile body is refused with the field and its limit named (before, a 60 KB base58
/// signature cost 30 s of CPU on its way to a refusal).
@Suite struct TransactionEnvelopeTests {
    /// The error refusing `wire`, or nil (recorded) when it is accepted.
    static func refusal(_ wire: String, sourceLocation: SourceLocation = #_sourceLocation) -> ProgramError? {
        do {
            _ = try SignedTransaction(wire: Array(wire.utf8))
            Issue.record("accepted: \(wire.prefix(200))", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// A valid transaction's envelope fields.
    static func parts() -> (message: String, signature: String) {
        let transaction = SignedTransaction([.initGlobalState], signedBy: Keypair(), for: TestLedger.id, nonce: 3)
        return (Data(transaction.messageBytes).base64EncodedString(), Base58.encode(transaction.signature))
    }

    @Test func aSixtyKilobyteSignatureIsRefusedByItsLength() throws {
        let signature = String(repeating: "z", count: 60_000)
        let error = try #require(Self.refusal(#"{"message":"\#(Self.parts().message)","signature":"\#(signature)"}"#))
        #expect(error.code == .malformedTransaction)
        #expect(error.field == "signature")
        #expect(error.message.contains("60000 characters"), "\(error)")
        #expect(error.message.contains("at most \(SignedTransaction.maxSignatureBase58Count)"), "\(error)")
        #expect(SignedTransaction.maxSignatureBase58Count == 88)
    }

    @Test func aSixtyKilobyteMessageOfGarbageIsRefusedByItsLength() throws {
        var random = SystemRandomNumberGenerator()
        let garbage = String(
            (0..<60_000).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x41...0x5A, using: &random))) })
        let error = try #require(Self.refusal(#"{"message":"\#(garbage)","signature":"\#(Self.parts().signature)"}"#))
        #expect(error.code == .malformedTransaction)
        #expect(error.field == "message")
        #expect(error.message.contains("60000 base64 characters"), "\(error)")
        #expect(error.message.contains("the limit is \(SignedTransaction.maxMessageBase64Count)"), "\(error)")
    }

    @Test func garbageWithinTheLimitsIsRefusedAsNotAMessage() throws {
        let garbage = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).base64EncodedString()
        let error = try #require(Self.refusal(#"{"message":"\#(garbage)","signature":"\#(Self.parts().signature)"}"#))
        #expect(error.code == .malformedTransaction)
        #expect(error.message.contains("not JSON"), "\(error)")
    }

    @Test func duplicateEnvelopeKeysAreRefusedByName() throws {
        let (message, signature) = Self.parts()
        let error = try #require(
            Self.refusal(#"{"message":"\#(message)","signature":"\#(signature)","signature":"\#(signature)"}"#))
        #expect(error.code == .malformedTransaction)
        #expect(error.message.contains("duplicate key 'signature'"), "\(error)")
        #expect(error.field == "signature")
    }

    @Test func unknownFieldsAndWrongShapesAreRefused() throws {
        let (message, signature) = Self.parts()
        let unknown = try #require(Self.refusal(#"{"message":"\#(message)","signature":"\#(signature)","x":1}"#))
        #expect(unknown.code == .malformedTransaction && unknown.field == "x")
        let number = try #require(Self.refusal(#"{"message":"\#(message)","signature":5}"#))
        #expect(number.code == .malformedTransaction && number.field == "signature")
        let missing = try #require(Self.refusal(#"{"message":"\#(message)"}"#))
        #expect(missing.code == .malformedTransaction && missing.field == "signature")
        let array = try #require(Self.refusal("[]"))
        #expect(array.code == .malformedTransaction)
        let nested = String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000)
        let deep = try #require(Self.refusal(#"{"message":\#(nested)}"#))
        #expect(deep.code == .malformedTransaction)
        #expect(deep.message.contains("deeper than"), "\(deep)")
    }

    @Test func theWireFormStillRoundTrips() throws {
        let transaction = SignedTransaction([.initGlobalState], signedBy: Keypair(), for: TestLedger.id, nonce: 9)
        #expect(try SignedTransaction(wire: transaction.wire) == transaction)
    }
}
