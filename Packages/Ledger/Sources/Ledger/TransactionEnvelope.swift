import Foundation
import Models

/// The wire envelope `{"message": "<base64>", "signature": "<base58>"}`, read strictly and
/// cheaply: every field's length is checked against the longest valid value before it is
/// decoded, so no input costs more than a pass over its bytes (base58 decoding is quadratic).
struct TransactionEnvelope {
    /// The message bytes, base64-decoded (not yet checked).
    let messageBytes: [UInt8]
    /// The signature bytes, base58-decoded (at most 64; the length is checked with the signature).
    let signature: [UInt8]

    /// Reads a wire form the caller has already checked against
    /// ``SignedTransaction/maxWireBytes``.
    ///
    /// - Throws: ``ProgramError`` with `MalformedTransaction` naming the field and, for a field
    ///   too long, its limit.
    init(wire: [UInt8]) throws(ProgramError) {
        let node: JSONNode
        do {
            node = try StrictJSONReader.read(wire, maxDepth: SignedTransaction.maxJSONDepth)
        } catch {
            let field = if case .duplicateKey(let key, _) = error { key } else { nil as String? }
            throw ProgramError(.malformedTransaction, "the transaction envelope: \(error)", field: field)
        }
        guard case .object(let members) = node.value else {
            throw ProgramError(
                .malformedTransaction,
                "the transaction envelope is \(node.kindName), not an object with message and signature")
        }
        if let unknown = members.first(where: { $0.key != "message" && $0.key != "signature" }) {
            throw ProgramError(
                .malformedTransaction, "unknown field '\(unknown.key)' in the transaction envelope", field: unknown.key)
        }
        let messageText = try Self.string("message", in: node)
        let signatureText = try Self.string("signature", in: node)
        let signatureLimit = SignedTransaction.maxSignatureBase58Count
        guard signatureText.utf8.count <= signatureLimit else {
            throw ProgramError(
                .malformedTransaction,
                "signature is \(signatureText.utf8.count) characters; a base58 Ed25519 signature has at most \(signatureLimit)",
                field: "signature")
        }
        let messageLimit = SignedTransaction.maxMessageBase64Count
        guard messageText.utf8.count <= messageLimit else {
            throw ProgramError(
                .malformedTransaction,
                "message is \(messageText.utf8.count) base64 characters; the limit is \(messageLimit) (a message of at most \(SignedTransaction.maxMessageBytes) bytes)",
                field: "message")
        }
        guard let message = Data(base64Encoded: messageText) else {
            throw ProgramError(.malformedTransaction, "message is not base64", field: "message")
        }
        guard let signature = Base58.decode(signatureText, maxByteCount: SignedTransaction.signatureByteCount) else {
            throw ProgramError(
                .malformedTransaction,
                "signature is not base58 of at most \(SignedTransaction.signatureByteCount) bytes", field: "signature")
        }
        self.messageBytes = Array(message)
        self.signature = signature
    }

    /// The string member `key` of the envelope.
    private static func string(_ key: String, in envelope: JSONNode) throws(ProgramError) -> String {
        guard let member = envelope[key] else {
            throw ProgramError(.malformedTransaction, "missing field \(key) in the transaction envelope", field: key)
        }
        guard case .string(let text) = member.value else {
            throw ProgramError(
                .malformedTransaction, "\(key) is \(member.kindName); the envelope carries it as a string", field: key)
        }
        return text
    }
}
