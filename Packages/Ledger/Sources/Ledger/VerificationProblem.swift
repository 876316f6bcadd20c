import Models

/// One thing ``LedgerVerifier`` found wrong with a ledger file, naming where.
public enum VerificationProblem: Hashable, Sendable, CustomStringConvertible {
    /// The log does not count 1, 2, 3...: entry `found` stands where `expected` should.
    case sequenceGap(expected: UInt64, found: UInt64)
    /// The entry's `previous_hash` is not the hash of the entry before it.
    case brokenChain(sequence: UInt64, previousHash: String, expected: String)
    /// The entry's stored hash is not the hash of its contents.
    case hashMismatch(sequence: UInt64, stored: String, recomputed: String)
    /// The stored message and signature are not a valid signed transaction (tampered bytes, bad
    /// signature, undecodable message).
    case invalidTransaction(sequence: UInt64, error: ProgramError)
    /// The `signer`/`nonce` index columns disagree with the signed message.
    case indexColumnsMismatch(sequence: UInt64, signer: PublicKey, nonce: UInt64)
    /// The same (signer, nonce) appears twice.
    case duplicateTransaction(sequence: UInt64, firstSequence: UInt64, signer: PublicKey, nonce: UInt64)
    /// The stored changes are not a readable change list.
    case undecodableChanges(sequence: UInt64, reason: String)
    /// Replaying the transaction from the state before it fails, though the log accepted it.
    case replayRejected(sequence: UInt64, error: ProgramError)
    /// Replaying the transaction gives other changes than the stored ones; `ref` is the first
    /// entity whose change differs (nil when only the order or the byte encoding differs).
    case changesMismatch(sequence: UInt64, ref: EntityRef?)
    /// A row of the `entities` table cannot be read as an entity.
    case undecodableEntityRow(kind: String, pubkey: String, reason: String)
    /// The replayed state and the `entities` table differ; `ref` is the first differing entity
    /// (in kind, key order) and `differingEntities` how many differ in all.
    case stateMismatch(ref: EntityRef, stored: Entity?, replayed: Entity?, differingEntities: Int)
    /// An entity row's `sequence` is not the last log entry that changed the entity.
    case entitySequenceMismatch(ref: EntityRef, stored: UInt64, expected: UInt64)

    /// The log entry the problem is about, if it is about one.
    public var sequence: UInt64? {
        switch self {
        case .sequenceGap(_, let found): found
        case .brokenChain(let sequence, _, _), .hashMismatch(let sequence, _, _), .invalidTransaction(let sequence, _),
            .indexColumnsMismatch(let sequence, _, _), .duplicateTransaction(let sequence, _, _, _),
            .undecodableChanges(let sequence, _), .replayRejected(let sequence, _), .changesMismatch(let sequence, _):
            sequence
        case .undecodableEntityRow, .stateMismatch, .entitySequenceMismatch: nil
        }
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .sequenceGap(let expected, let found):
            "log entry \(found) stands where \(expected) should (entries are missing)"
        case .brokenChain(let sequence, let previousHash, let expected):
            "log entry \(sequence) names previous hash \(previousHash), but the entry before it hashes to \(expected)"
        case .hashMismatch(let sequence, let stored, let recomputed):
            "log entry \(sequence) stores hash \(stored) but its contents hash to \(recomputed)"
        case .invalidTransaction(let sequence, let error):
            "log entry \(sequence) holds an invalid transaction: \(error)"
        case .indexColumnsMismatch(let sequence, let signer, let nonce):
            "log entry \(sequence): the signer/nonce columns disagree with the signed message (\(signer), \(nonce))"
        case .duplicateTransaction(let sequence, let first, let signer, let nonce):
            "log entry \(sequence) repeats the transaction of entry \(first) (signer \(signer), nonce \(nonce))"
        case .undecodableChanges(let sequence, let reason):
            "log entry \(sequence): the stored changes do not decode: \(reason)"
        case .replayRejected(let sequence, let error):
            "log entry \(sequence) was accepted, but replaying it fails: \(error)"
        case .changesMismatch(let sequence, let ref):
            "log entry \(sequence): replaying gives other changes than stored"
                + (ref.map { " (first at \($0))" } ?? " (order or encoding)")
        case .undecodableEntityRow(let kind, let pubkey, let reason):
            "entity row \(kind)/\(pubkey) does not decode: \(reason)"
        case .stateMismatch(let ref, let stored, let replayed, let count):
            "the entities table differs from the replayed state at \(ref) (stored: \(stored == nil ? "absent" : "present"), replayed: \(replayed == nil ? "absent" : "present"), values differ: \(stored != replayed)); \(count) entit\(count == 1 ? "y differs" : "ies differ") in all"
        case .entitySequenceMismatch(let ref, let stored, let expected):
            "entity row \(ref) says log entry \(stored) last wrote it, but that was entry \(expected)"
        }
    }
}
