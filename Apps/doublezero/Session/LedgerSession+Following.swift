import CommandLineSupport
import Ledger
import Models

extension LedgerSession {
    /// How a ``waitForRecord(_:at:within:until:)`` ended.
    enum RecordWaitOutcome<Record: LedgerRecord>: Sendable {
        /// The condition held; the record as it was then (nil: gone).
        case reached(Record?)
        /// The time ran out first.
        case timedOut
    }

    /// Waits until `isDone` holds for the record of `type` at `key` (nil when there is none), by
    /// following the ledger's log: the record is read once, then every later entry that changes
    /// it is checked as it is accepted — no polling.
    ///
    /// - Throws: ``CommandFailure`` when the ledger cannot be read or its log stream ends.
    func waitForRecord<Record: LedgerRecord>(
        _ type: Record.Type, at key: PublicKey, within limit: Duration,
        until isDone: @escaping @Sendable (Record?) -> Bool
    ) async throws -> RecordWaitOutcome<Record> {
        let ledger = self.ledger
        let start: UInt64
        do {
            start = try await ledger.headSequence()
        } catch {
            throw error.commandFailure
        }
        // Read after the head: whatever changes later is in the log from start + 1 on.
        let current = try await record(Record.self, at: key)
        if isDone(current) { return .reached(current) }
        let ref = EntityRef(kind: Record.kind, pubkey: key)
        return try await withThrowingTaskGroup(of: RecordWaitOutcome<Record>?.self) { group in
            group.addTask {
                for try await entry in ledger.follow(from: start + 1) {
                    for change in entry.changes where change.ref == ref {
                        let record = change.entity.flatMap(Record.init(entity:))
                        if isDone(record) { return .reached(record) }
                    }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return .timedOut
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let outcome = first else {
                throw CommandFailure("the ledger's log stream ended while waiting for \(Record.kind.noun) \(key)")
            }
            return outcome
        }
    }
}
