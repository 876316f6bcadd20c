import DaemonService
import DaemonTestSupport
import Foundation
import Ledger
import Models
import Synchronization

/// Plays doublezerod's reconciler for a fixture's ``FakeDaemonBackend``: when the host's user of
/// a class is activated in the ledger, it provisions that class's service `provisionDelay` later
/// (BGP pending), and brings the BGP session up `bgpDelay` after that; when the user is no longer
/// activated, it removes the service. It watches the ledger state every 20 ms.
final class ReconcilerStandIn: Sendable {
    private let fixture: DaemonVerbFixture
    private let provisionDelay: Duration
    private let bgpDelay: Duration
    private let provisioned = Mutex<[ServiceClass: ContinuousClock.Instant]>([:])
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A stand-in for `fixture`, started at once.
    init(
        _ fixture: DaemonVerbFixture, provisionDelay: Duration = .milliseconds(300),
        bgpDelay: Duration = .milliseconds(200)
    ) {
        self.fixture = fixture
        self.provisionDelay = provisionDelay
        self.bgpDelay = bgpDelay
        let started = Task { [weak self] in
            while !Task.isCancelled {
                try? await self?.reconcileOnce()
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        task.withLock { $0 = started }
        fixture.register(self)
    }

    /// When the service of `serviceClass` was last provisioned.
    func provisionedAt(_ serviceClass: ServiceClass) -> ContinuousClock.Instant? {
        provisioned.withLock { $0[serviceClass] }
    }

    /// Stops watching (without waiting for the last look to end).
    func stop() {
        task.withLock { $0?.cancel() }
    }

    /// Stops watching and waits until the last look has ended.
    func stopAndWait() async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
    }

    /// One look at the ledger: provision what became active, remove what went.
    private func reconcileOnce() async throws {
        let state = try await fixture.ledger.currentState()
        let users = state.users.values.filter { $0.clientIp == DaemonVerbFixture.clientIP }
        let backend = fixture.backend
        for serviceClass in ServiceClass.allCases {
            let active = users.first { ServiceClass($0.userType) == serviceClass && $0.status == .activated }
            let running = backend.provisioned[serviceClass] != nil
            if let user = active, !running, let device = state.devices[user.device] {
                try await Task.sleep(for: provisionDelay)
                try await backend.provision(Self.request(for: user, device: device, groups: state.multicastGroups))
                provisioned.withLock { $0[serviceClass] = .now }
                backend.change { contents in
                    contents.enrichment[serviceClass] = { report in
                        var report = report
                        report.currentDevice = device.code
                        report.lowestLatencyDevice = device.code
                        report.metro = "Amsterdam"
                        return report
                    }
                }
                try await Task.sleep(for: bgpDelay)
                backend.change { $0.sessions[serviceClass] = SessionStatus(state: .up, lastUpdate: 1_760_464_781) }
            } else if active == nil, running {
                try await backend.remove(serviceClass)
            }
        }
    }

    /// The service doublezerod would provision for `user` on `device`.
    static func request(for user: User, device: Device, groups: [PublicKey: MulticastGroup]) -> ServiceRequest {
        let address = { (key: PublicKey) in groups[key]?.multicastIp ?? .unspecified }
        return ServiceRequest(
            userType: user.userType, tunnelSource: user.clientIp,
            tunnelDestination: user.tunnelEndpoint.isUnspecified ? device.publicIp : user.tunnelEndpoint,
            tunnelNet: user.tunnelNet,
            doubleZeroIP: user.userType == .multicast && user.publishers.isEmpty ? nil : user.dzIp,
            subscriberGroups: user.subscribers.map(address), publisherGroups: user.publishers.map(address))
    }
}
