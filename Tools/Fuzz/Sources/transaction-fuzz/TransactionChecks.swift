import Foundation
import FuzzSupport
import Ledger
import Models

/// What must hold for any input to the transaction decoder: it never traps, refuses only with
/// the error codes it documents, and what it accepts survives re-encoding.
enum TransactionChecks {
    /// The key the fuzzer signs with (``FuzzSupport/FuzzSigner``).
    static let keypair = try! Keypair(seed: FuzzSigner.seed)

    /// The codes ``Ledger/SignedTransaction`` documents for a refused wire form or message.
    static let documentedCodes: Set<ErrorCode> = [
        .payloadTooLarge, .malformedTransaction, .nonCanonicalMessage, .unknownInstruction, .invalidSignature,
    ]

    /// `SignedTransaction(wire:)`: a refusal carries a documented code (and, for a signature that
    /// does not verify, `claimedSigner(wire:)` names the signer); an accepted transaction's own
    /// wire form decodes to the same transaction, and its claimed signer is its signer.
    static func wire(_ bytes: [UInt8]) {
        let claimed = SignedTransaction.claimedSigner(wire: bytes)
        let transaction: SignedTransaction
        do {
            transaction = try SignedTransaction(wire: bytes)
        } catch {
            precondition(documentedCodes.contains(error.code), "undocumented refusal \(error)")
            precondition(error.code != .invalidSignature || claimed != nil, "no claimed signer for \(error)")
            return
        }
        precondition(claimed == transaction.message.signer, "claimed signer \(String(describing: claimed))")
        _ = transaction.id
        let again = Result { () throws(ProgramError) in try SignedTransaction(wire: transaction.wire) }
        precondition(again == .success(transaction), "the wire form of an accepted transaction: \(again)")
    }

    /// `SignedTransaction(messageBytes:signature:)`, signed by ``keypair`` when the bytes name it
    /// as signer (so mutations of the seeds can be accepted), by nobody otherwise.
    ///
    /// Accepted bytes must be exactly the canonical encoding of their message. Bytes the JSON
    /// decoder reads as a message of 1 to 64 instructions may be refused (not canonical, not
    /// signed), but the canonical encoding of that message, signed, must be accepted.
    static func message(_ bytes: [UInt8]) {
        let decoded = try? JSONDecoder().decode(TransactionMessage.self, from: Data(bytes))
        let signature =
            decoded?.signer == keypair.publicKey
            ? keypair.sign(bytes) : [UInt8](repeating: 0, count: SignedTransaction.signatureByteCount)
        switch Result(catching: { () throws(ProgramError) in
            try SignedTransaction(messageBytes: bytes, signature: signature)
        }) {
        case .success(let transaction):
            let canonical = SignedTransaction(signing: transaction.message, with: keypair)
            precondition(canonical.messageBytes == bytes, "accepted bytes that are not the canonical encoding")
            let again = Result { () throws(ProgramError) in try SignedTransaction(wire: transaction.wire) }
            precondition(again == .success(transaction), "the wire form of an accepted transaction: \(again)")
        case .failure(let error):
            precondition(documentedCodes.contains(error.code), "undocumented refusal \(error)")
            guard var message = decoded, (1...SignedTransaction.maxInstructions).contains(message.instructions.count)
            else { return }
            message.signer = keypair.publicKey
            let canonical = SignedTransaction(signing: message, with: keypair)
            guard canonical.messageBytes.count <= SignedTransaction.maxMessageBytes else { return }
            let accepted = Result { () throws(ProgramError) in try SignedTransaction(wire: canonical.wire) }
            precondition(
                (try? accepted.get().message) == message,
                "the canonical encoding of a decodable message is refused: \(accepted)")
        }
    }

    /// One ``Models/Instruction``: what decodes has a name and survives a JSON round trip.
    static func instruction(_ bytes: [UInt8]) {
        guard let instruction = try? JSONDecoder().decode(Instruction.self, from: Data(bytes)) else { return }
        precondition(Instruction.allNames.contains(instruction.name))
        let encoded: Data
        do {
            encoded = try JSONEncoder().encode(instruction)
        } catch {
            preconditionFailure("a decoded instruction does not encode: \(error)")
        }
        let again = Result { try JSONDecoder().decode(Instruction.self, from: encoded) }
        precondition((try? again.get()) == instruction, "instruction round trip: \(instruction) -> \(again)")
    }
}
