import Models

/// Proves a ledger file sound by rebuilding it from nothing.
///
/// ``verify(path:maxProblems:)`` opens the file read-only and, in one consistent snapshot,
/// replays every log entry in order from an empty ``LedgerState`` with the file's genesis through
/// the program (re-verifying each signature), checking that:
/// - every transaction names this ledger's identity;
/// - sequences count 1, 2, 3... with no gap;
/// - each entry's `previous_hash` is the prior entry's hash, and its hash recomputes;
/// - each (signer, nonce) appears once, and the index columns match the signed message;
/// - replaying each transaction gives exactly the stored changes (byte for byte);
/// - the replayed state equals the `entities` table, and each entity row names the last entry
///   that changed it.
///
/// It keeps going after a problem so one damaged entry does not hide the rest: an entry that
/// cannot be replayed contributes its stored changes instead.
public enum LedgerVerifier {
    /// Log rows read per page.
    static let pageSize = 512

    /// Checks the ledger file at `path`; see ``LedgerVerifier``.
    ///
    /// - Parameters:
    ///   - path: the SQLite file; it is never written.
    ///   - maxProblems: how many problems to keep (the report says if there were more).
    /// - Returns: the report; ``VerificationReport/isValid`` when nothing is wrong.
    /// - Throws: ``LedgerStoreError`` if the file cannot be opened or read as a ledger at all.
    public static func verify(path: String, maxProblems: Int = 100) throws(LedgerStoreError) -> VerificationReport {
        let store = try LedgerStore(path: path, accessMode: .readOnly)
        defer { try? store.close() }
        return try store.read { (reader) throws(LedgerStoreError) -> VerificationReport in
            var replay = LogReplayCheck(path: path, maxProblems: maxProblems, genesis: store.genesis)
            var next: UInt64 = 0
            while true {
                let rows = try reader.logRows(from: next, limit: pageSize)
                guard let last = rows.last else { break }
                for row in rows { replay.check(row) }
                next = last.sequence + 1
            }
            replay.compare(with: try reader.entityRows())
            return replay.report
        }
    }
}

/// The running state of one verification: the replayed state and what was seen so far.
private struct LogReplayCheck {
    /// A transaction's identity in the log.
    struct TransactionKey: Hashable {
        let signer: PublicKey
        let nonce: UInt64
    }

    let path: String
    let maxProblems: Int
    let genesis: LedgerGenesis
    /// The genesis hash, computed once.
    let ledgerID: LedgerID
    var state: LedgerState
    var expectedSequence: UInt64 = 1
    var finalPosition = LogPosition.genesis
    var entriesChecked = 0
    var firstSequence: [TransactionKey: UInt64] = [:]
    var lastWriter: [EntityRef: UInt64] = [:]
    var problems: [VerificationProblem] = []
    var problemsTruncated = false

    init(path: String, maxProblems: Int, genesis: LedgerGenesis) {
        self.path = path
        self.maxProblems = maxProblems
        self.genesis = genesis
        self.ledgerID = genesis.id
        self.state = LedgerState(genesis: genesis)
    }

    var report: VerificationReport {
        VerificationReport(
            path: path, entriesChecked: entriesChecked, finalPosition: finalPosition, stateHash: state.stateHash,
            problems: problems, problemsTruncated: problemsTruncated)
    }

    mutating func record(_ problem: VerificationProblem) {
        if problems.count < maxProblems { problems.append(problem) } else { problemsTruncated = true }
    }

    /// Checks one log row and folds it into the replayed state.
    mutating func check(_ row: StoredLogRow) {
        entriesChecked += 1
        if row.sequence != expectedSequence {
            record(.sequenceGap(expected: expectedSequence, found: row.sequence))
        }
        if row.previousHash != finalPosition.hash {
            record(.brokenChain(sequence: row.sequence, previousHash: row.previousHash, expected: finalPosition.hash))
        }
        var transaction: SignedTransaction?
        do {
            transaction = try SignedTransaction(messageBytes: row.message, signature: row.signature)
        } catch {
            record(.invalidTransaction(sequence: row.sequence, error: error))
        }
        if let transaction { checkIdentity(of: row, transaction) }

        var storedChanges: [StateChange]?
        do {
            storedChanges = try CanonicalJSON.decodeChanges(row.changes)
        } catch {
            record(.undecodableChanges(sequence: row.sequence, reason: "\(error)"))
        }
        var applied: [StateChange]?
        if let transaction {
            do {
                let replayed = try state.apply(transaction.message)
                applied = replayed
                if LogEntry.encodeChanges(replayed) != row.changes {
                    record(
                        .changesMismatch(
                            sequence: row.sequence, ref: Self.firstDifference(replayed, storedChanges ?? [])))
                }
            } catch {
                record(.replayRejected(sequence: row.sequence, error: error))
            }
        }
        if applied == nil, let storedChanges {
            // Cannot replay this entry: continue from what the log says it did.
            for change in storedChanges { state.apply(change) }
            applied = storedChanges
        }
        for change in applied ?? [] { lastWriter[change.ref] = row.sequence }
        expectedSequence = row.sequence + 1
        finalPosition = LogPosition(sequence: row.sequence, hash: row.hash)
    }

    /// Hash, index columns and uniqueness of a row whose transaction is valid.
    mutating func checkIdentity(of row: StoredLogRow, _ transaction: SignedTransaction) {
        let recomputed = LogEntry.hash(
            sequence: row.sequence, previousHash: row.previousHash, transaction: transaction, changesJSON: row.changes)
        if recomputed != row.hash {
            record(.hashMismatch(sequence: row.sequence, stored: row.hash, recomputed: recomputed))
        }
        let message = transaction.message
        if message.ledger != ledgerID {
            record(
                .invalidTransaction(
                    sequence: row.sequence,
                    error: ProgramError(
                        .wrongLedger, "the transaction is for ledger \(message.ledger), not \(ledgerID)",
                        field: "ledger")))
        }
        if message.signer.bytes != row.signer || message.nonce != row.nonce {
            record(.indexColumnsMismatch(sequence: row.sequence, signer: message.signer, nonce: message.nonce))
        }
        let key = TransactionKey(signer: message.signer, nonce: message.nonce)
        if let first = firstSequence[key] {
            record(
                .duplicateTransaction(
                    sequence: row.sequence, firstSequence: first, signer: message.signer, nonce: message.nonce))
        } else {
            firstSequence[key] = row.sequence
        }
    }

    /// Compares the replayed state with the `entities` table.
    mutating func compare(with rows: [StoredEntityRow]) {
        var stored: [EntityRef: Entity] = [:]
        for row in rows {
            let entity: Entity
            do {
                entity = try row.entity(path: path)
            } catch {
                record(.undecodableEntityRow(kind: row.kind, pubkey: row.pubkey, reason: "\(error)"))
                continue
            }
            stored[entity.ref] = entity
            let expected = lastWriter[entity.ref] ?? 0
            if row.sequence != expected {
                record(.entitySequenceMismatch(ref: entity.ref, stored: row.sequence, expected: expected))
            }
        }
        var replayed: [EntityRef: Entity] = [:]
        for entity in state.allEntities { replayed[entity.ref] = entity }
        let differing = Set(stored.keys).union(replayed.keys).filter { stored[$0] != replayed[$0] }.sorted()
        if let first = differing.first {
            record(
                .stateMismatch(
                    ref: first, stored: stored[first], replayed: replayed[first], differingEntities: differing.count))
        }
    }

    /// The first entity whose change differs between two change lists, if any does.
    static func firstDifference(_ replayed: [StateChange], _ stored: [StateChange]) -> EntityRef? {
        for index in 0..<max(replayed.count, stored.count) {
            let left = index < replayed.count ? replayed[index] : nil
            let right = index < stored.count ? stored[index] : nil
            if left != right { return left?.ref ?? right?.ref }
        }
        return nil
    }
}
