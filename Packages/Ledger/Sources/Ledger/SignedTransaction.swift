import Crypto
import Foundation
import Models

/// A transaction as submitted and stored: the exact message bytes that were signed, and the
/// signature.
///
/// Wire form (JSON): `{"message": "<base64 of the message JSON>", "signature": "<base58>"}`.
/// The message travels as base64 so the signed bytes survive any re-encoding; the ledger stores
/// and hashes exactly those bytes.
public struct SignedTransaction: Hashable, Sendable {
    /// The most instructions one transaction may carry.
    public static let maxInstructions = 64
    /// The largest wire form the ledger accepts, in bytes.
    public static let maxWireBytes = 64 * 1024

    /// The decoded message.
    public let message: TransactionMessage
    /// The exact bytes that were signed (the message's JSON).
    public let messageBytes: [UInt8]
    /// The Ed25519 signature of `messageBytes` by `message.signer`.
    public let signature: [UInt8]

    /// Encodes and signs a message.
    ///
    /// - Precondition: `keypair.publicKey == message.signer`.
    public init(signing message: TransactionMessage, with keypair: Keypair) {
        precondition(keypair.publicKey == message.signer, "the keypair must be the message's signer")
        let encoder = CanonicalJSON.makeEncoder()
        // Encoding our own Codable value cannot fail.
        let bytes = Array(try! encoder.encode(message))
        self.message = message
        self.messageBytes = bytes
        self.signature = keypair.sign(bytes)
    }

    /// Convenience: signs `instructions` for `ledger` with `keypair`, a fresh nonce and the
    /// default validity window (``TransactionValidity/notAfter(now:)``).
    public init(
        _ instructions: [Instruction], signedBy keypair: Keypair, for ledger: LedgerID,
        notAfter: UInt64 = TransactionValidity.notAfter(), nonce: UInt64 = .random(in: 1...UInt64.max)
    ) {
        self.init(
            signing: TransactionMessage(
                signer: keypair.publicKey, nonce: nonce, ledger: ledger, notAfter: notAfter, instructions: instructions),
            with: keypair)
    }

    /// Decodes message bytes and a signature, checking the bytes and the signature.
    ///
    /// The bytes must be strict JSON (``readStrictMessage(_:)``) and exactly the canonical
    /// encoding of the message they decode to (``requireCanonical(_:node:of:)``); the signature
    /// is verified strictly (``StrictEd25519``).
    ///
    /// - Throws: ``ProgramError`` with `MalformedTransaction` (bytes are not a message, are too
    ///   large, or carry no or too many instructions), `NonCanonicalMessage`, `UnknownInstruction`,
    ///   or `InvalidSignature`.
    public init(messageBytes: [UInt8], signature: [UInt8]) throws(ProgramError) {
        let node = try Self.readStrictMessage(messageBytes)
        let message: TransactionMessage
        do {
            message = try JSONDecoder().decode(TransactionMessage.self, from: Data(messageBytes))
        } catch {
            throw Self.decodingFailure(error)
        }
        guard !message.instructions.isEmpty else {
            throw ProgramError(.malformedTransaction, "the transaction carries no instructions", field: "instructions")
        }
        guard message.instructions.count <= Self.maxInstructions else {
            throw ProgramError(
                .malformedTransaction,
                "the transaction carries \(message.instructions.count) instructions; the limit is \(Self.maxInstructions)",
                field: "instructions")
        }
        try Self.requireCanonical(messageBytes, node: node, of: message)
        guard signature.count == 64, message.signer.verifies(signature: signature, for: messageBytes) else {
            throw ProgramError(
                .invalidSignature, "the signature does not verify against signer \(message.signer)", field: "signature")
        }
        self.message = message
        self.messageBytes = messageBytes
        self.signature = signature
    }

    /// Decodes and verifies the wire form.
    ///
    /// The envelope is read strictly and each field's length is checked before it is decoded
    /// (``TransactionEnvelope``), so a hostile body costs one pass over its bytes.
    ///
    /// - Throws: ``ProgramError`` with `PayloadTooLarge`, `MalformedTransaction`,
    ///   `NonCanonicalMessage`, `UnknownInstruction` or `InvalidSignature`.
    public init(wire: some Collection<UInt8>) throws(ProgramError) {
        guard wire.count <= Self.maxWireBytes else {
            throw ProgramError(
                .payloadTooLarge, "the transaction is \(wire.count) bytes; the limit is \(Self.maxWireBytes)")
        }
        let envelope = try TransactionEnvelope(wire: Array(wire))
        try self.init(messageBytes: envelope.messageBytes, signature: envelope.signature)
    }

    /// The signer a wire form claims, read without verifying anything else: whom a transaction
    /// whose signature does not verify claims to come from (the server's authentication limit
    /// counts the failure against that key). nil when the envelope or the signer cannot be read.
    public static func claimedSigner(wire: some Collection<UInt8>) -> PublicKey? {
        guard wire.count <= maxWireBytes, let envelope = try? TransactionEnvelope(wire: Array(wire)) else {
            return nil
        }
        return try? JSONDecoder().decode(SignerClaim.self, from: Data(envelope.messageBytes)).signer
    }

    /// The wire form.
    public var wire: [UInt8] {
        let envelope = Envelope(message: Data(messageBytes).base64EncodedString(), signature: Base58.encode(signature))
        let encoder = CanonicalJSON.makeEncoder()
        return Array(try! encoder.encode(envelope))
    }

    /// The transaction id: SHA-256 of the signature, hex.
    public var id: String {
        Hex.encode(SHA256.hash(data: signature))
    }

    private struct Envelope: Codable {
        var message: String
        var signature: String
    }

    /// Maps a JSON decoding failure to a specific program error.
    private static func decodingFailure(_ error: any Error) -> ProgramError {
        guard let error = error as? DecodingError else {
            return ProgramError(.malformedTransaction, "not a transaction: \(error)")
        }
        switch error {
        case .dataCorrupted(let context):
            if context.debugDescription.hasPrefix("unknown instruction") {
                return ProgramError(.unknownInstruction, context.debugDescription, field: context.fieldPath)
            }
            return ProgramError(
                .malformedTransaction,
                "invalid value at \(context.fieldPath ?? "top level"): \(context.debugDescription)",
                field: context.fieldPath)
        case .keyNotFound(let key, let context):
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return ProgramError(.malformedTransaction, "missing field \(path)", field: key.stringValue)
        case .typeMismatch(let type, let context):
            return ProgramError(
                .malformedTransaction, "wrong type at \(context.fieldPath ?? "top level"): expected \(type)",
                field: context.fieldPath)
        case .valueNotFound(let type, let context):
            return ProgramError(
                .malformedTransaction, "missing \(type) at \(context.fieldPath ?? "top level")",
                field: context.fieldPath)
        @unknown default:
            return ProgramError(.malformedTransaction, "not a transaction: \(error)")
        }
    }
}

extension DecodingError.Context {
    /// The coding path as `a.b.0.c`, or nil at the top level.
    fileprivate var fieldPath: String? {
        codingPath.isEmpty
            ? nil : codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

/// The one field ``SignedTransaction/claimedSigner(wire:)`` reads of a message.
private struct SignerClaim: Decodable {
    var signer: PublicKey
}
