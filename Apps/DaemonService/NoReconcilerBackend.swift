import LongPoll
import Models

/// The backend of a `doublezerod` built without its reconciler (issue 15 builds it next): nothing
/// is provisioned, there are no routes and no latency results yet, and the calls that would build
/// or look something up answer 503 saying so. The API around it (state file, reconciler switch,
/// permissions) is complete. Its status changes only when the reconciler is switched.
public struct NoReconcilerBackend: DaemonBackend {
    /// The message of every refused call.
    public static let notBuilt = "the doublezerod reconciler is not built yet (issue 15); nothing was done"

    /// Moves on at each reconciler switch, the only change this backend has.
    private let generation = ChangeGeneration()

    /// The backend.
    public init() {}

    /// Refuses: 503.
    public func provision(_ request: ServiceRequest) async throws(DaemonBackendError) {
        throw .unavailable(Self.notBuilt)
    }

    /// Refuses: 503.
    public func remove(_ serviceClass: ServiceClass) async throws(DaemonBackendError) {
        throw .unavailable(Self.notBuilt)
    }

    /// None.
    public func services() async throws(DaemonBackendError) -> [ServiceReport] { [] }

    /// None.
    public func routes() async throws(DaemonBackendError) -> [RouteRecord] { [] }

    /// Refuses: 503.
    public func resolveRoute(to destination: IPv4Address) async throws(DaemonBackendError) -> IPv4Address? {
        throw .unavailable(Self.notBuilt)
    }

    /// Not ready, no results.
    public func latency() async throws(DaemonBackendError) -> LatencyReport { .notReady }

    /// Nothing to do but count the change.
    public func reconcilerEnabledChanged(to enabled: Bool) { generation.bump() }

    /// The number of reconciler switches so far.
    public var statusGeneration: UInt64 { generation.value }

    /// Waits for the next reconciler switch.
    public func waitForStatusChange(after generation: UInt64, timeout: Duration) async -> UInt64 {
        await self.generation.waitForChange(after: generation, timeout: timeout)
    }
}
