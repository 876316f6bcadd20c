/// The daemon's persisted state in service: the one place that changes `state.json`, and tells
/// the backend about each change once it is on disk. Changes are serialized, so the file, the
/// state served and the backend's last signal always agree.
public actor DaemonStateStore {
    /// The file the state lives in.
    public nonisolated let file: DaemonStateFile
    private let backend: any DaemonBackend
    private var state: DaemonState

    /// Loads the state from `file` (creating it when missing, see ``DaemonStateFile/loadOrCreate()``)
    /// and tells `backend` whether the reconciler starts enabled.
    public init(file: DaemonStateFile, backend: any DaemonBackend) throws(DaemonStateError) {
        self.file = file
        self.backend = backend
        state = try file.loadOrCreate()
        backend.reconcilerEnabledChanged(to: state.reconcilerEnabled)
    }

    /// The state in service.
    public var current: DaemonState { state }

    /// Whether the reconciler is enabled.
    public var reconcilerEnabled: Bool { state.reconcilerEnabled }

    /// Persists the reconciler switch, then signals the backend. When writing fails nothing
    /// changes: the old file, the old state served, no signal.
    public func setReconcilerEnabled(_ enabled: Bool) throws(DaemonStateError) {
        var next = state
        next.reconcilerEnabled = enabled
        try file.write(next)
        state = next
        backend.reconcilerEnabledChanged(to: enabled)
    }
}
