import Synchronization

/// The snapshot currently served, swapped atomically by the follower and read by every request.
public final class CurrentSnapshot: Sendable {
    private let value = Mutex<ControllerSnapshot?>(nil)

    /// Nothing in service yet.
    public init() {}

    /// The snapshot in service; nil until the ledger was first loaded.
    public var snapshot: ControllerSnapshot? { value.withLock { $0 } }

    /// Puts `snapshot` in service.
    public func replace(with snapshot: ControllerSnapshot) {
        value.withLock { $0 = snapshot }
    }
}
