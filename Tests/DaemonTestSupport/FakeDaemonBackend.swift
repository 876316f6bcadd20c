import DaemonService
import LongPoll
import Models
import Synchronization

/// An in-memory ``DaemonBackend`` for the API and CLI tests: provisioning records a service (one
/// per class, as the real one), removal drops it, reads return what the test put in, and any call
/// can be made to fail. Every call is recorded. The status generation moves on at each
/// provision, removal, reconciler signal and ``change(_:)``.
public final class FakeDaemonBackend: DaemonBackend {
    /// What the fake holds and has been asked.
    public struct Contents: Sendable {
        /// The services provisioned, by class.
        public var provisioned: [ServiceClass: ServiceRequest] = [:]
        /// Their BGP sessions.
        public var sessions: [ServiceClass: SessionStatus] = [:]
        /// What `services()` adds to each report (device, metro, groups…).
        public var enrichment: [ServiceClass: @Sendable (ServiceReport) -> ServiceReport] = [:]
        /// What `routes()` answers.
        public var routes: [RouteRecord] = []
        /// What `resolveRoute(to:)` answers, by destination.
        public var resolvedSources: [IPv4Address: IPv4Address] = [:]
        /// What `latency()` answers.
        public var latency = LatencyReport.notReady
        /// The calls made to fail, by name.
        public var failures: [String: DaemonBackendError] = [:]
        /// The reconciler signals so far.
        public var reconcilerSignals: [Bool] = []
        /// The calls so far, by name.
        public var calls: [String] = []
    }

    private let contents = Mutex(Contents())
    private let generation = ChangeGeneration()

    /// An empty fake.
    public init() {}

    /// Reads or changes the contents without counting a status change (set-up and reads).
    public func with<Result>(_ body: (inout Contents) -> Result) -> Result {
        contents.withLock { body(&$0) }
    }

    /// Changes the contents and counts a status change (wakes `/v2/status` long-polls).
    public func change<Result>(_ body: (inout Contents) -> Result) -> Result {
        defer { generation.bump() }
        return contents.withLock { body(&$0) }
    }

    /// Makes the call named `call` (`provision`, `remove`, `services`, `routes`, `resolveRoute`, `latency`) fail.
    public func fail(_ call: String, with error: DaemonBackendError) {
        with { $0.failures[call] = error }
    }

    /// The calls made so far, by name.
    public var calls: [String] { with { $0.calls } }

    /// The signals the reconciler got so far.
    public var reconcilerSignals: [Bool] { with { $0.reconcilerSignals } }

    /// The services provisioned now.
    public var provisioned: [ServiceClass: ServiceRequest] { with { $0.provisioned } }

    private func enter(_ call: String) throws(DaemonBackendError) {
        let failure = with { contents -> DaemonBackendError? in
            contents.calls.append(call)
            return contents.failures[call]
        }
        if let failure { throw failure }
    }

    /// Records `request` (one service per class).
    public func provision(_ request: ServiceRequest) async throws(DaemonBackendError) {
        try enter("provision")
        let refusal = change { contents -> DaemonBackendError? in
            guard contents.provisioned[request.serviceClass] == nil else {
                return .alreadyProvisioned(request.serviceClass)
            }
            contents.provisioned[request.serviceClass] = request
            contents.sessions[request.serviceClass] = SessionStatus(state: .pending, lastUpdate: 1_760_464_781)
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Drops the service of `serviceClass`.
    public func remove(_ serviceClass: ServiceClass) async throws(DaemonBackendError) {
        try enter("remove")
        change {
            $0.provisioned[serviceClass] = nil
            $0.sessions[serviceClass] = nil
        }
    }

    /// The provisioned services with their sessions and enrichment.
    public func services() async throws(DaemonBackendError) -> [ServiceReport] {
        try enter("services")
        return with { contents in
            // Multicast first on purpose: the API must put unicast first.
            [ServiceClass.multicast, .unicast].compactMap { serviceClass -> ServiceReport? in
                guard let request = contents.provisioned[serviceClass] else { return nil }
                let report = ServiceReport(
                    userType: request.userType, tunnelSource: request.tunnelSource,
                    tunnelDestination: request.tunnelDestination,
                    doubleZeroIP: request.publisherGroups.isEmpty && !request.userType.isUnicast
                        ? nil : request.doubleZeroIP,
                    session: contents.sessions[serviceClass] ?? SessionStatus(state: .pending, lastUpdate: 0))
                return contents.enrichment[serviceClass].map { $0(report) } ?? report
            }
        }
    }

    /// The routes the test put in.
    public func routes() async throws(DaemonBackendError) -> [RouteRecord] {
        try enter("routes")
        return with { $0.routes }
    }

    /// The source the test put in for `destination`.
    public func resolveRoute(to destination: IPv4Address) async throws(DaemonBackendError) -> IPv4Address? {
        try enter("resolveRoute")
        return with { $0.resolvedSources[destination] }
    }

    /// The latency report the test put in.
    public func latency() async throws(DaemonBackendError) -> LatencyReport {
        try enter("latency")
        return with { $0.latency }
    }

    /// Records the signal.
    public func reconcilerEnabledChanged(to enabled: Bool) {
        change { $0.reconcilerSignals.append(enabled) }
    }

    /// Moves on at each provision, removal, reconciler signal and ``change(_:)``.
    public var statusGeneration: UInt64 { generation.value }

    /// Waits for the next change.
    public func waitForStatusChange(after generation: UInt64, timeout: Duration) async -> UInt64 {
        await self.generation.waitForChange(after: generation, timeout: timeout)
    }
}
