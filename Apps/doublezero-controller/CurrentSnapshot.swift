import Synchronization

/// The snapshot currently served, swapped atomically by the follower and read by every request.
final class CurrentSnapshot: Sendable {
    private let value = Mutex<ControllerSnapshot?>(nil)

    /// The snapshot in service; nil until the ledger was first loaded.
    var snapshot: ControllerSnapshot? { value.withLock { $0 } }

    /// Puts `snapshot` in service.
    func replace(with snapshot: ControllerSnapshot) {
        value.withLock { $0 = snapshot }
    }
}
