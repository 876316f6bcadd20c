import LongPoll
import Models

/// What the local API asks of the daemon's core — the reconciler and the services it provisions.
/// The API knows nothing of how tunnels, BGP sessions or routes are built; it calls this.
///
/// Every method may be called concurrently from many requests. Methods that change things
/// (``provision(_:)``, ``remove(_:)``) must leave nothing half-done when they throw.
public protocol DaemonBackend: Sendable {
    /// Provisions `request` now (`POST /provision`).
    ///
    /// Throws ``DaemonBackendError/alreadyProvisioned(_:)`` when a service of the same class
    /// (unicast or multicast) already runs, and ``DaemonBackendError/provisioningFailed(_:)`` when
    /// building it failed (after undoing what was built).
    func provision(_ request: ServiceRequest) async throws(DaemonBackendError)

    /// Tears down the service of `serviceClass` (`POST /remove`); succeeds when there is none.
    /// Throws ``DaemonBackendError/removalFailed(_:)`` when the teardown failed.
    func remove(_ serviceClass: ServiceClass) async throws(DaemonBackendError)

    /// The provisioned services, unicast first, enriched from the ledger and the latency results
    /// (`GET /status`, `GET /v2/status`).
    func services() async throws(DaemonBackendError) -> [ServiceReport]

    /// The routes learnt over the provisioned services' BGP sessions, in any order (`GET /routes`).
    func routes() async throws(DaemonBackendError) -> [RouteRecord]

    /// The source address the kernel would use toward `destination`, or nil when it has no route
    /// (`POST /resolve-route`).
    func resolveRoute(to destination: IPv4Address) async throws(DaemonBackendError) -> IPv4Address?

    /// The latest latency probe results (`GET /latency`, `GET /v2/latency`).
    func latency() async throws(DaemonBackendError) -> LatencyReport

    /// Tells the reconciler it is now enabled or disabled (`POST /enable`, `POST /disable`, and once
    /// at start with the persisted value). Called after `state.json` was written.
    ///
    /// It only signals: it must return at once and never fail. Enabled, the reconciler reconciles
    /// now and then every poll interval; disabled, it tears every service down. Repeated signals
    /// coalesce (the latest wins).
    func reconcilerEnabledChanged(to enabled: Bool)

    /// A counter that moves on whenever what `GET /v2/status` reports changes: a service
    /// provisioned or removed, a BGP session changing state, the reconciler switched. Clients
    /// long-poll on it (`GET /v2/status?after=G&wait=S`); a ``ChangeGeneration`` keeps it.
    var statusGeneration: UInt64 { get }

    /// Waits until ``statusGeneration`` differs from `generation`, for at most `timeout`, and
    /// returns it then (`generation` itself on timeout). Returns at once when it already differs,
    /// and promptly when the calling task is cancelled.
    func waitForStatusChange(after generation: UInt64, timeout: Duration) async -> UInt64
}
