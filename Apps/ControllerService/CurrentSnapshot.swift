import LongPoll
import Synchronization

/// The snapshot currently served, swapped atomically by the follower and read by every request.
public final class CurrentSnapshot: Sendable {
    private let value = Mutex<ControllerSnapshot?>(nil)

    /// Bumped on every replacement: the config long-poll (`?wait=S`) waits on it.
    public let changes = ChangeGeneration()

    /// Nothing in service yet.
    public init() {}

    /// The snapshot in service; nil until the ledger was first loaded.
    public var snapshot: ControllerSnapshot? { value.withLock { $0 } }

    /// Puts `snapshot` in service and wakes the long-polls.
    public func replace(with snapshot: ControllerSnapshot) {
        value.withLock { $0 = snapshot }
        changes.bump()
    }
}
