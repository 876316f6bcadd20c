import Foundation
import Models

/// The checks on signed message bytes that make every reader see the same transaction: the
/// bytes are strict JSON (no duplicate key, bounded size and depth) before they are decoded,
/// and exactly the canonical encoding of what they decode to after.
extension SignedTransaction {
    /// Reads message bytes strictly before they are decoded; refuses a message over
    /// ``maxMessageBytes``, one that is not RFC 8259 JSON or nests deeper than ``maxJSONDepth``
    /// (`MalformedTransaction`), one with a duplicate key (`NonCanonicalMessage`), and one with
    /// more than ``maxInstructions`` instructions, so a hostile message is never decoded whole.
    ///
    /// - Returns: the message's JSON tree, for ``requireCanonical(_:node:of:)``.
    static func readStrictMessage(_ bytes: [UInt8]) throws(ProgramError) -> JSONNode {
        guard bytes.count <= maxMessageBytes else {
            throw ProgramError(
                .malformedTransaction, "the message is \(bytes.count) bytes; the limit is \(maxMessageBytes)",
                field: "message")
        }
        let node: JSONNode
        do {
            node = try StrictJSONReader.read(bytes, maxDepth: maxJSONDepth)
        } catch {
            switch error {
            case .duplicateKey(let key, let path):
                let field = path == StrictJSONReader.describe([]) ? key : "\(path).\(key)"
                throw ProgramError(.nonCanonicalMessage, "the message has a \(error)", field: field)
            case .syntax:
                throw ProgramError(.malformedTransaction, "the message is \(error)", field: "message")
            case .tooDeep(let path, _):
                throw ProgramError(.malformedTransaction, "the message: \(error)", field: path)
            }
        }
        if case .array(let instructions)? = node["instructions"]?.value, instructions.count > maxInstructions {
            throw ProgramError(
                .malformedTransaction,
                "the transaction carries \(instructions.count) instructions; the limit is \(maxInstructions)",
                field: "instructions")
        }
        return node
    }

    /// Fails unless `bytes` (read as `node`) are exactly the canonical encoding
    /// (``CanonicalJSON/makeEncoder()``) of `message`, the value they decode to: no unknown
    /// fields, no nulls, no defaults left out, keys in order, numbers and strings written one
    /// way, no white space.
    ///
    /// - Throws: ``ProgramError`` with `NonCanonicalMessage` naming the first difference.
    static func requireCanonical(
        _ bytes: [UInt8], node: JSONNode, of message: TransactionMessage
    ) throws(ProgramError) {
        // Encoding cannot fail: CanonicalJSON writes a non-finite number as a string.
        let canonical = Array(try! CanonicalJSON.makeEncoder().encode(message))
        guard let difference = CanonicalDifference.first(in: bytes, node: node, canonical: canonical) else { return }
        throw ProgramError(
            .nonCanonicalMessage, "the signed message is not in canonical form: \(difference)",
            field: difference.field)
    }
}
