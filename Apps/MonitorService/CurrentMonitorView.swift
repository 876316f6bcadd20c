import LongPoll
import Synchronization

/// The view in service, swapped atomically after each evaluation and read by every request.
public final class CurrentMonitorView: Sendable {
    private let value = Mutex<MonitorView?>(nil)

    /// Bumped on every replacement: the dashboard's live updates (`/events`) wait on it.
    public let changes = ChangeGeneration()

    /// Nothing evaluated yet.
    public init() {}

    /// The view in service; nil until the first evaluation.
    public var view: MonitorView? { value.withLock { $0 } }

    /// Puts `view` in service and wakes the waiting event streams.
    public func replace(with view: MonitorView) {
        value.withLock { $0 = view }
        changes.bump()
    }
}
