import Ledger
import LedgerClient
import Logging
import LongPoll
import Models
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import Tunnel

/// The core of `doublezerod`: follows the ledger through the shared ``LedgerFollowSession`` and
/// converges this host to at most one unicast and one multicast service — tunnel, addresses,
/// rules, routes and BGP session (`reference/client.md` §2.6–2.9, §2.13) — acting within
/// milliseconds of the entries that change what it wants, and again every poll interval (so a
/// failure is retried). It is also the ``DaemonBackend`` the local API calls.
///
/// Every change to the host runs under one lock (``exclusively(_:)``): a rebuild tears down and
/// builds again while ``services()`` keeps showing the old service, so status never shows a gap.
/// One service's failure never touches the other. Disabled, it tears every service down.
/// At the first snapshot it sweeps what an earlier run left (``HostDataplane/sweep(keeping:)``);
/// on graceful shutdown it removes every object it created.
public actor DaemonReconciler: DaemonBackend, LedgerFollowConsumer, Service {
    /// The entity kinds the reconciler reads.
    public static let kinds: [EntityKind] = [.globalConfig, .exchange, .device, .user, .multicastGroup]

    /// Counts every change of what `/v2/status` shows.
    public nonisolated let generation = ChangeGeneration()
    private nonisolated let requestedEnabled = Mutex<Bool?>(nil)
    private nonisolated let bell: AsyncStream<Void>
    private nonisolated let bellRinger: AsyncStream<Void>.Continuation

    private let ledger: any LedgerAPI
    private let clientIP: IPv4Address
    private let network: String
    private let metrics: DaemonMetrics
    private let logger: Logger
    private let pollInterval: Duration
    private let eventLoopGroup: any EventLoopGroup
    private let latencyProbe: LatencyProbeService?

    private var state = LedgerState()
    private var hasSnapshot = false
    private var swept = false
    private var enabled = false
    private var running: [ServiceClass: RunningService] = [:]
    private var dataplane: HostDataplane?
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    /// A reconciler for the host `clientIP`.
    ///
    /// - Parameters:
    ///   - ledger: the ledger followed.
    ///   - clientIP: this host's public address (the users whose client IP it is are this host's).
    ///   - network: the network moniker `/routes` reports.
    ///   - metrics: where it counts.
    ///   - pollInterval: how often it reconciles without a ledger change (retrying failures).
    ///   - eventLoopGroup: where the BGP sessions run.
    ///   - latencyProbe: the latency prober it hands the ledger's devices to (nil: no probing).
    ///   - logger: where it logs.
    public init(
        ledger: any LedgerAPI, clientIP: IPv4Address, network: String = "localnet",
        metrics: DaemonMetrics = DaemonMetrics(),
        pollInterval: Duration = .seconds(10),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        latencyProbe: LatencyProbeService? = nil, logger: Logger = Logger(label: "doublezero.daemon")
    ) {
        self.ledger = ledger
        self.clientIP = clientIP
        self.network = network
        self.metrics = metrics
        self.pollInterval = pollInterval
        self.eventLoopGroup = eventLoopGroup
        self.latencyProbe = latencyProbe
        self.logger = logger
        (bell, bellRinger) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: - Service

    /// Follows and reconciles until graceful shutdown, then removes every service.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
        await exclusively { await self.removeAll(reason: "shutting down") }
    }

    /// Follows and reconciles until the task is cancelled (services stay up).
    public func runUntilCancelled() async {
        let session = LedgerFollowSession(
            ledger: ledger, kinds: Self.kinds, consumer: self,
            backoff: ReconnectBackoff(initial: .milliseconds(500), maximum: .seconds(10)), logger: logger)
        let pollInterval = self.pollInterval
        let ringer = bellRinger
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await session.runUntilCancelled(alongside: self.bell) { await self.reconcile() }
            }
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: pollInterval) } catch { return }
                    ringer.yield()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: - LedgerFollowConsumer

    /// Takes a fresh snapshot and reconciles.
    public func start(from snapshot: LedgerSnapshot) {
        state = LedgerState(entities: snapshot.entities)
        hasSnapshot = true
        latencyProbe?.devicesChanged(Array(state.devices.values))
        bellRinger.yield()
    }

    /// Applies entries and reconciles when any touched a kind the reconciler reads.
    public func apply(_ entries: [LogEntry]) {
        let changed = state.apply(entries, kinds: Set(Self.kinds))
        if changed.contains(.device) { latencyProbe?.devicesChanged(Array(state.devices.values)) }
        if !changed.isEmpty { bellRinger.yield() }
    }

    // MARK: - Reconciling

    /// One pass: the sweep (first time), the enabled switch, then each service class.
    func reconcile() async {
        guard hasSnapshot else { return }
        await exclusively { await self.reconcileLocked() }
    }

    private func reconcileLocked() async {
        let wantEnabled = requestedEnabled.withLock { $0 } ?? false
        let wanted = wantEnabled ? wantedServices() : .none
        if !swept {
            swept = true
            sweep(keeping: wanted)
        }
        if wantEnabled != enabled {
            enabled = wantEnabled
            logger.info("reconciler \(wantEnabled ? "enabled" : "disabled")")
            if !wantEnabled { await removeAll(reason: "reconciler disabled") }
            generation.bump()
        }
        guard enabled else { return }
        for serviceClass in ServiceClass.allCases {
            metrics.recordMatchedUsers(serviceClass, count: wanted.matchedUsers[serviceClass] ?? 0)
        }
        for (user, problem) in wanted.problems {
            logger.warning("ledger user not provisioned", metadata: ["user": "\(user)", "reason": "\(problem)"])
        }
        var succeeded = true
        for serviceClass in ServiceClass.allCases {
            let current = running[serviceClass]
            if current?.origin == .api { continue }
            let target = wanted[serviceClass]
            do throws(DaemonBackendError) {
                try await converge(serviceClass, running: current, wanted: target)
            } catch {
                succeeded = false
                logger.error(
                    "service not converged", metadata: ["service": "\(serviceClass)", "error": "\(error)"])
            }
        }
        metrics.countReconcilerPoll(succeeded: succeeded)
    }

    /// Brings one class from `current` to `target`.
    private func converge(_ serviceClass: ServiceClass, running current: RunningService?, wanted target: WantedService?)
        async throws(DaemonBackendError)
    {
        switch ServicePlan(running: current?.request, wanted: target?.request) {
        case .keep:
            if let target, var service = current, service.wanted != target {
                service.wanted = target
                running[serviceClass] = service
                generation.bump()
            }
        case .provision(let request):
            try await build(request, wanted: target, origin: .ledger)
        case .updateGroups(let request):
            guard var service = current else { return }
            let layout = HostServiceLayout(request: request, fallbackSource: clientIP)
            do throws(HostDataplaneError) {
                try dataplane?.updateRoutes(from: service.layout, to: layout)
                metrics.countUpdate(serviceClass, succeeded: true)
            } catch {
                metrics.countUpdate(serviceClass, succeeded: false)
                throw .provisioningFailed("update of \(serviceClass) groups failed: \(error)")
            }
            service.signaling?.update(publishers: request.publisherGroups, subscribers: request.subscriberGroups)
            service.request = request
            service.layout = layout
            service.wanted = target
            running[serviceClass] = service
            logger.info("multicast groups updated in place", metadata: ["service": "\(serviceClass)"])
            generation.bump()
        case .rebuild(let request):
            logger.info("service changed; rebuilding", metadata: ["service": "\(serviceClass)"])
            await tear(serviceClass, reason: "rebuild", bump: false)
            try await build(request, wanted: target, origin: .ledger)
        case .remove:
            await tear(serviceClass, reason: "no longer in the ledger")
        }
    }

    /// What the ledger wants now.
    private func wantedServices() -> WantedServices {
        WantedServices(state: state, clientIP: clientIP) { destination in
            ClientAddressDiscovery(target: destination).kernelSourceAddress()
        }
    }

    /// Builds a service; on failure nothing of it is left.
    private func build(_ request: ServiceRequest, wanted: WantedService?, origin: RunningService.Origin)
        async throws(DaemonBackendError)
    {
        let serviceClass = request.serviceClass
        let layout = HostServiceLayout(request: request, fallbackSource: clientIP)
        do throws(HostDataplaneError) {
            try host().build(layout)
        } catch {
            metrics.countProvision(serviceClass, succeeded: false)
            throw .provisioningFailed("provisioning \(serviceClass.tunnelName) failed: \(error)")
        }
        let generation = self.generation
        var sessionLogger = logger
        sessionLogger[metadataKey: "service"] = "\(serviceClass)"
        let session: ServiceSession
        do {
            session = try ServiceSession(
                layout: layout, eventLoopGroup: eventLoopGroup, metrics: metrics, logger: sessionLogger
            ) { generation.bump() }
        } catch {
            dataplane?.tear(layout)
            metrics.countProvision(serviceClass, succeeded: false)
            throw .provisioningFailed("provisioning \(serviceClass.tunnelName) failed: open netlink: \(error)")
        }
        var signaling: MulticastSignaling?
        if request.userType == .multicast {
            do {
                signaling = try MulticastSignaling(
                    request: request, interface: layout.tunnel.name.rawValue, logger: sessionLogger)
                signaling?.start()
            } catch {
                logger.error(
                    "multicast signaling not started: no PIM joins, heartbeats or registers on this tunnel",
                    metadata: ["service": "\(serviceClass)", "error": "\(error)"])
            }
        }
        running[serviceClass] = RunningService(
            request: request, layout: layout, wanted: wanted, origin: origin, session: session, signaling: signaling)
        metrics.countProvision(serviceClass, succeeded: true)
        logger.info(
            "service provisioned",
            metadata: [
                "service": "\(serviceClass)", "tunnel": "\(layout.tunnel.name)",
                "tunnel.src": "\(layout.tunnel.local)", "tunnel.dst": "\(layout.tunnel.remote)",
                "tunnel.net": "\(request.tunnelNet)", "user_type": "\(request.userType.apiName)",
            ])
        generation.bump()
    }

    /// Tears one service down (BGP session first, so its routes go before the tunnel).
    private func tear(_ serviceClass: ServiceClass, reason: String, bump: Bool = true) async {
        guard let service = running[serviceClass] else { return }
        await service.signaling?.stop()
        await service.session.stop()
        dataplane?.tear(service.layout)
        running[serviceClass] = nil
        metrics.countRemoval(serviceClass, succeeded: true)
        logger.info("service removed", metadata: ["service": "\(serviceClass)", "reason": "\(reason)"])
        if bump { generation.bump() }
    }

    /// Tears every service down.
    private func removeAll(reason: String) async {
        for serviceClass in ServiceClass.allCases { await tear(serviceClass, reason: reason) }
    }

    /// Removes the leftovers of an earlier run, once, at the first snapshot.
    private func sweep(keeping wanted: WantedServices) {
        let layouts = [wanted.unicast, wanted.multicast].compactMap { $0 }.map {
            HostServiceLayout(request: $0.request, fallbackSource: clientIP)
        }
        guard let dataplane = try? host() else { return }
        let removed = dataplane.sweep(keeping: layouts)
        if !removed.isEmpty {
            logger.notice("removed what an earlier run left", metadata: ["removed": "\(removed)"])
        }
    }

    /// The dataplane, opened at first use.
    private func host() throws(HostDataplaneError) -> HostDataplane {
        if let dataplane { return dataplane }
        do {
            let opened = try HostDataplane(logger: logger)
            dataplane = opened
            return opened
        } catch {
            throw .netlink("open netlink", error)
        }
    }

    /// Runs `body` with no other change to the host in progress.
    private func exclusively<T, Failure: Error>(_ body: () async throws(Failure) -> T) async throws(Failure) -> T {
        if busy {
            await withCheckedContinuation { queue.append($0) }
        } else {
            busy = true
        }
        defer {
            if queue.isEmpty { busy = false } else { queue.removeFirst().resume() }
        }
        return try await body()
    }

    // MARK: - DaemonBackend

    /// Builds `request` now (`POST /provision`); the reconciler leaves it alone afterwards.
    public func provision(_ request: ServiceRequest) async throws(DaemonBackendError) {
        try await exclusively { () async throws(DaemonBackendError) in
            guard running[request.serviceClass] == nil else { throw .alreadyProvisioned(request.serviceClass) }
            try await build(request, wanted: nil, origin: .api)
        }
    }

    /// Tears the service of `serviceClass` down (`POST /remove`).
    public func remove(_ serviceClass: ServiceClass) async throws(DaemonBackendError) {
        await exclusively { await self.tear(serviceClass, reason: "removed through the API") }
    }

    /// The running services with their sessions, enriched from the ledger and latency results.
    public func services() async throws(DaemonBackendError) -> [ServiceReport] {
        let latency = await latencyProbe?.report ?? .notReady
        return ServiceClass.allCases.compactMap { serviceClass in
            running[serviceClass].map { report($0, latency: latency) }
        }
    }

    /// The learned routes of every running service.
    public func routes() async throws(DaemonBackendError) -> [RouteRecord] {
        running.values.flatMap { $0.session.routeRecords(network: network) }
    }

    /// The kernel's source address toward `destination`.
    public nonisolated func resolveRoute(to destination: IPv4Address) async throws(DaemonBackendError)
        -> IPv4Address?
    {
        ClientAddressDiscovery(target: destination).kernelSourceAddress()
    }

    /// The latest latency results.
    public func latency() async throws(DaemonBackendError) -> LatencyReport {
        await latencyProbe?.report ?? .notReady
    }

    /// Records the switch (`/v2/status` shows it at once) and reconciles now.
    public nonisolated func reconcilerEnabledChanged(to enabled: Bool) {
        requestedEnabled.withLock { $0 = enabled }
        generation.bump()
        bellRinger.yield()
    }

    /// The current status generation.
    public nonisolated var statusGeneration: UInt64 { generation.value }

    /// Waits until the status generation differs from `after`, at most `timeout`.
    public nonisolated func waitForStatusChange(after: UInt64, timeout: Duration) async -> UInt64 {
        await generation.waitForChange(after: after, timeout: timeout)
    }

    /// Every running tunnel's figures, for `/metrics`.
    public func tunnelSamples() async -> [TunnelSample] {
        let latency = await latencyProbe?.report ?? .notReady
        var installed: [DaemonMetrics.RouteKey: Int] = [:]
        for service in running.values where service.layout.routePolicy.installs {
            for route in service.session.installedRoutes {
                installed[
                    DaemonMetrics.RouteKey(source: route.source ?? .unspecified, nextHop: route.gateway), default: 0] +=
                    1
            }
        }
        metrics.recordInstalledRoutes(installed)
        return ServiceClass.allCases.compactMap { serviceClass -> TunnelSample? in
            guard let service = running[serviceClass] else { return nil }
            let name = service.layout.tunnel.name.rawValue
            let snapshot = service.session.snapshot
            let report = report(service, latency: latency)
            let uptime = snapshot.establishedAt.map { ContinuousClock.now - $0 }
            return TunnelSample(
                tunnelName: name, receivedBytes: TunnelSample.interfaceCounter(name, "rx_bytes"),
                sentBytes: TunnelSample.interfaceCounter(name, "tx_bytes"),
                receivedPackets: TunnelSample.interfaceCounter(name, "rx_packets"),
                sentPackets: TunnelSample.interfaceCounter(name, "tx_packets"), sessionState: report.session.state,
                sessionUptimeSeconds: uptime.map { Double($0.components.seconds) } ?? 0,
                reconnects: snapshot.closes, rttNanoseconds: report.currentDeviceRTTNanoseconds,
                lossPercentage: report.currentDeviceLossPercentage)
        }
    }

    // MARK: - Reports

    private func report(_ service: RunningService, latency: LatencyReport) -> ServiceReport {
        let snapshot = service.session.snapshot
        let device = service.wanted?.deviceCode ?? deviceCode(for: service.request.tunnelDestination)
        let current =
            latency.results.filter { $0.deviceCode == device && $0.deviceIP == service.request.tunnelDestination }
            .first ?? latency.results.first { $0.deviceCode == device }
        return ServiceReport(
            userType: service.request.userType, tunnelSource: service.layout.tunnel.local,
            tunnelDestination: service.request.tunnelDestination, doubleZeroIP: service.request.doubleZeroIP,
            session: SessionStatus(
                state: snapshot.status.map { SessionState(rawValue: $0.rawValue) ?? .pending } ?? .pending,
                lastUpdate: snapshot.statusChangedAt),
            currentDevice: device, currentDeviceRTTNanoseconds: current?.averageLatencyNanoseconds ?? 0,
            currentDeviceLossPercentage: current?.lossPercentage ?? 0,
            lowestLatencyDevice: LowestLatencyDevice.choose(from: latency.results, current: device),
            metro: service.wanted?.metro ?? "", tenant: "", multicastGroups: service.wanted?.groupRoles ?? .none,
            subscriptions: service.wanted?.subscriptions ?? [])
    }

    /// The code of the device with `address` as public IP or tunnel endpoint, or `""`.
    private func deviceCode(for address: IPv4Address) -> String {
        state.devices.values.first { $0.publicIp == address || $0.userTunnelEndpoints.contains(address) }?.code ?? ""
    }
}
