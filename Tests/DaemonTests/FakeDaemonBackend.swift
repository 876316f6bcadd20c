import DaemonService
import Models
import Synchronization

/// An in-memory ``DaemonBackend`` for the API tests: provisioning records a service (one per
/// class, as the real one), removal drops it, reads return what the test put in, and any call can
/// be made to fail. Every call is recorded.
final class FakeDaemonBackend: DaemonBackend {
    /// What the fake holds and has been asked.
    struct Contents: Sendable {
        var provisioned: [ServiceClass: ServiceRequest] = [:]
        var sessions: [ServiceClass: SessionStatus] = [:]
        var enrichment: [ServiceClass: @Sendable (ServiceReport) -> ServiceReport] = [:]
        var routes: [RouteRecord] = []
        var resolvedSources: [IPv4Address: IPv4Address] = [:]
        var latency = LatencyReport.notReady
        var failures: [String: DaemonBackendError] = [:]
        var reconcilerSignals: [Bool] = []
        var calls: [String] = []
    }

    private let contents = Mutex(Contents())

    /// Reads or changes the contents.
    func with<Result>(_ body: (inout Contents) -> Result) -> Result {
        contents.withLock { body(&$0) }
    }

    /// Makes the call named `call` (`provision`, `remove`, `services`, `routes`, `resolveRoute`, `latency`) fail.
    func fail(_ call: String, with error: DaemonBackendError) {
        with { $0.failures[call] = error }
    }

    /// The calls made so far, by name.
    var calls: [String] { with { $0.calls } }

    /// The signals the reconciler got so far.
    var reconcilerSignals: [Bool] { with { $0.reconcilerSignals } }

    /// The services provisioned now.
    var provisioned: [ServiceClass: ServiceRequest] { with { $0.provisioned } }

    private func enter(_ call: String) throws(DaemonBackendError) {
        let failure = with { contents -> DaemonBackendError? in
            contents.calls.append(call)
            return contents.failures[call]
        }
        if let failure { throw failure }
    }

    func provision(_ request: ServiceRequest) async throws(DaemonBackendError) {
        try enter("provision")
        let refusal = with { contents -> DaemonBackendError? in
            guard contents.provisioned[request.serviceClass] == nil else {
                return .alreadyProvisioned(request.serviceClass)
            }
            contents.provisioned[request.serviceClass] = request
            contents.sessions[request.serviceClass] = SessionStatus(state: .pending, lastUpdate: 1_760_464_781)
            return nil
        }
        if let refusal { throw refusal }
    }

    func remove(_ serviceClass: ServiceClass) async throws(DaemonBackendError) {
        try enter("remove")
        with {
            $0.provisioned[serviceClass] = nil
            $0.sessions[serviceClass] = nil
        }
    }

    func services() async throws(DaemonBackendError) -> [ServiceReport] {
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

    func routes() async throws(DaemonBackendError) -> [RouteRecord] {
        try enter("routes")
        return with { $0.routes }
    }

    func resolveRoute(to destination: IPv4Address) async throws(DaemonBackendError) -> IPv4Address? {
        try enter("resolveRoute")
        return with { $0.resolvedSources[destination] }
    }

    func latency() async throws(DaemonBackendError) -> LatencyReport {
        try enter("latency")
        return with { $0.latency }
    }

    func reconcilerEnabledChanged(to enabled: Bool) {
        with { $0.reconcilerSignals.append(enabled) }
    }
}
