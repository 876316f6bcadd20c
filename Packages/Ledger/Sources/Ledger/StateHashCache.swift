import Synchronization

/// The state hash of the last log head it was computed for.
///
/// The `entities` table is the fold of the log up to its head, in one SQLite transaction with
/// it, so one head always has one state hash: a read that finds the same head reuses it.
final class StateHashCache: Sendable {
    private let latest = Mutex<(head: LogPosition, stateHash: String)?>(nil)

    /// The state hash remembered for `head`, if it is the one remembered.
    func stateHash(at head: LogPosition) -> String? {
        latest.withLock { latest in latest.flatMap { $0.head == head ? $0.stateHash : nil } }
    }

    /// Remembers `stateHash` for `head`, unless a later head is already remembered.
    func remember(_ stateHash: String, at head: LogPosition) {
        latest.withLock { latest in
            if let current = latest, current.head.sequence > head.sequence { return }
            latest = (head, stateHash)
        }
    }
}
