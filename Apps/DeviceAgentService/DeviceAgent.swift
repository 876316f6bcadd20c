import Foundation
import Logging
import Models
import Routing
import ServiceLifecycle
import Synchronization

/// A Linux software device driven by the ledger: runs inside the device's network namespace,
/// follows the controller for the device's FRR configuration and model (long-polls, so a change
/// arrives as soon as the controller renders it), builds the device ends of the user tunnels
/// (``UserTunnelEndpoints``), applies the FRR text with `frr-reload.py` (only the lines that
/// changed: other sessions are not touched), keeps FRR running (``FRRRouter``: a daemon that exits
/// is restarted and the text applied again), and reports what it applied in `status.json`, on
/// standard output (one line per apply) and in its log.
///
/// A `Service`: `run()` returns on graceful shutdown, after removing the tunnels and stopping FRR.
public final class DeviceAgent: Service, Sendable {
    /// What the agent wants applied next: the newest texts from the controller.
    private struct Wanted: Sendable {
        var config: (etag: String, text: String)?
        var model: (etag: String, model: DeviceModel)?
        /// Bumped on every change and on every FRR restart; the applier compares it.
        var version = 0
    }

    /// How often pimd's joins are read for the multicast forwarder.
    static let joinPollInterval: Duration = .milliseconds(250)

    /// How often `status.json` is rewritten with fresh counters between applies.
    static let counterInterval: Duration = .seconds(2)

    private let configuration: DeviceAgentConfiguration
    private let logger: Logger
    private let wanted = Mutex(Wanted())
    private let status: Mutex<DeviceAgentStatus>
    private let bell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation
    private let announce: @Sendable (String) -> Void

    /// An agent for `configuration`, logging to `logger`; `announce` gets one line per apply
    /// (the executable prints it on standard output).
    public init(
        configuration: DeviceAgentConfiguration, logger: Logger,
        announce: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.announce = announce
        status = Mutex(
            DeviceAgentStatus(
                device: configuration.device, applied: false, applyCount: 0, userTunnels: [],
                frr: .init(running: false, restarts: 0, pids: [:])))
        (bell, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The status as last written.
    public var currentStatus: DeviceAgentStatus { status.withLock { $0 } }

    /// Starts FRR, then follows the controller and applies until graceful shutdown.
    public func run() async throws {
        try prepareDirectory()
        try await ToolRun.succeeding("ip", ["link", "set", "lo", "up"])
        try enableForwarding()
        let endpoints = try UserTunnelEndpoints()
        let frr = FRRRouter(configuration: configuration, logger: logger)
        try await frr.start()
        logger.info(
            "device agent started",
            metadata: [
                "device": "\(configuration.device)", "controller": "\(configuration.controller)",
                "directory": "\(configuration.directory.path)",
            ])
        let client = ControllerClient(base: configuration.controller, device: configuration.device)
        let forwarder = try MulticastForwarder(groupBlock: MulticastForwarder.multicast, logger: logger)
        forwarder.start()
        defer { forwarder.stop() }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.follow(client) }
                group.addTask { await self.watchRestarts(frr) }
                group.addTask { await self.applyChanges(frr: frr, endpoints: endpoints) }
                group.addTask { await self.refreshCounters(frr: frr, endpoints: endpoints) }
                group.addTask { await self.followJoins(frr: frr, forwarder: forwarder) }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.ring.finish()
        }
        logger.info("device agent stopping: removing the user tunnels and stopping FRR")
        await frr.stop()
        endpoints.removeAll()
        await client.shutdown()
        logger.info("device agent stopped")
    }

    // MARK: - Following the controller

    /// Long-polls the FRR config; on each change fetches the model too and rings the applier.
    private func follow(_ client: ControllerClient) async {
        var backoff = ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(5))
        var configEtag: String?
        var failing = false
        while !Task.isCancelled {
            do {
                let answer = try await client.fetch(.frrConfig, etag: configEtag, wait: configuration.longPollWait)
                guard case .changed(let etag, let text) = answer else { continue }
                let modelEtag = wanted.withLock { $0.model?.etag }
                var model: (etag: String, model: DeviceModel)?
                if case .changed(let tag, let body) = try await client.fetch(.model, etag: nil, wait: .zero),
                    tag != modelEtag
                {
                    do {
                        model = (tag, try DeviceModel.decode(jsonText: body))
                    } catch {
                        throw DeviceAgentError.badModel(reason: "\(error)")
                    }
                }
                configEtag = etag
                wanted.withLock { wanted in
                    wanted.config = (etag, text)
                    if let model { wanted.model = model }
                    wanted.version += 1
                }
                if failing { logger.info("controller reachable again") }
                failing = false
                backoff.reset()
                ring.yield()
            } catch {
                if Task.isCancelled { return }
                if !failing {
                    logger.warning("cannot follow the controller; retrying", metadata: ["error": "\(error)"])
                }
                failing = true
                try? await Task.sleep(for: backoff.nextDelay())
            }
        }
    }

    /// After every FRR daemon restart, waits until FRR is ready and has the applier apply again.
    private func watchRestarts(_ frr: FRRRouter) async {
        for await name in frr.restarts {
            do {
                try await frr.waitUntilReady(timeout: .seconds(30))
            } catch {
                logger.warning("FRR not ready after a restart", metadata: ["daemon": "\(name)", "error": "\(error)"])
            }
            logger.info("FRR daemon restarted; applying the config again", metadata: ["daemon": "\(name)"])
            wanted.withLock { $0.version += 1 }
            ring.yield()
        }
    }

    // MARK: - Applying

    /// Applies the newest wanted state each time the bell rings (one apply at a time; rings
    /// during an apply collapse into one more).
    private func applyChanges(frr: FRRRouter, endpoints: UserTunnelEndpoints) async {
        var appliedVersion = -1
        var retry = ReconnectBackoff(initial: .milliseconds(500), maximum: .seconds(10))
        for await _ in bell {
            let now = wanted.withLock { $0 }
            guard now.version != appliedVersion, let config = now.config, let model = now.model else { continue }
            let started = ContinuousClock.now
            let failures = endpoints.apply(model.model.userTunnels)
            var failure: String?
            do {
                try await frr.apply(config.text)
            } catch {
                failure = "\(error)"
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let counts = endpoints.packetCounts()
            let snapshot = status.withLock { status -> DeviceAgentStatus in
                status.applied = failure == nil
                status.error = failure
                status.configEtag = config.etag
                status.modelEtag = model.etag
                status.appliedAt = DeviceAgentStatus.timestamp(Date())
                status.applyCount += 1
                status.lastApplyMs = milliseconds
                status.userTunnels = model.model.userTunnels.map { tunnel in
                    DeviceAgentStatus.Tunnel(
                        id: tunnel.id, interface: tunnel.interfaceName, clientUnderlay: "\(tunnel.clientUnderlay)",
                        dzIp: "\(tunnel.dzIp)", deviceEndpoint: "\(tunnel.deviceEndpoint)",
                        packetsSent: counts[tunnel.interfaceName]?.sent ?? 0,
                        packetsReceived: counts[tunnel.interfaceName]?.received ?? 0,
                        error: failures[tunnel.interfaceName])
                }
                status.frr = .init(
                    running: frr.processIDs.count == configuration.daemons.count, restarts: frr.restartCount,
                    pids: frr.processIDs)
                return status
            }
            do {
                try snapshot.write(to: configuration.statusFile)
            } catch {
                logger.warning("cannot write the status file", metadata: ["error": "\(error)"])
            }
            for (interface, reason) in failures.sorted(by: { $0.key < $1.key }) {
                logger.error("user tunnel not built", metadata: ["interface": "\(interface)", "error": "\(reason)"])
            }
            if let failure {
                logger.error(
                    "FRR refused the config; retrying", metadata: ["etag": "\(config.etag)", "error": "\(failure)"])
                let delay = retry.nextDelay()
                Task {
                    try? await Task.sleep(for: delay)
                    self.ring.yield()
                }
                continue
            }
            retry.reset()
            appliedVersion = now.version
            let line = "applied config \(config.etag): \(model.model.userTunnels.count) user tunnels"
            logger.info(
                "applied the device config",
                metadata: [
                    "etag": "\(config.etag)", "user_tunnels": "\(model.model.userTunnels.count)",
                    "links": "\(model.model.links.count)", "ms": "\(Int(milliseconds))",
                ])
            announce(line)
        }
    }

    /// Hands the forwarder pimd's joins and the live links every ``joinPollInterval``.
    private func followJoins(frr: FRRRouter, forwarder: MulticastForwarder) async {
        var last: ([String: Set<IPv4Address>], [String])?
        while !Task.isCancelled {
            if let output = try? await frr.vtysh(["show ip pim join json"], daemon: "pimd") {
                let joins = PIMJoinState.joins(inJSON: output)
                let links =
                    wanted.withLock { $0.model?.model.links.filter(\.carriesTraffic).map(\.interfaceName) } ?? []
                if last?.0 != joins || last?.1 != links {
                    forwarder.update(joins: joins, links: links)
                    logger.info(
                        "multicast forwarding updated",
                        metadata: [
                            "joins": "\(joins.mapValues { $0.map(\.description).sorted() })", "links": "\(links)",
                        ])
                    last = (joins, links)
                }
            }
            try? await Task.sleep(for: Self.joinPollInterval)
        }
    }

    /// Rewrites `status.json` every ``counterInterval`` with the tunnels' packet counters and
    /// FRR's processes as they are now, between applies.
    private func refreshCounters(frr: FRRRouter, endpoints: UserTunnelEndpoints) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.counterInterval)
            if Task.isCancelled { return }
            let counts = endpoints.packetCounts()
            let snapshot = status.withLock { status -> DeviceAgentStatus? in
                guard status.applyCount > 0 else { return nil }
                for index in status.userTunnels.indices {
                    guard let count = counts[status.userTunnels[index].interface] else { continue }
                    status.userTunnels[index].packetsSent = count.sent
                    status.userTunnels[index].packetsReceived = count.received
                }
                status.frr = .init(
                    running: frr.processIDs.count == configuration.daemons.count, restarts: frr.restartCount,
                    pids: frr.processIDs)
                return status
            }
            try? snapshot?.write(to: configuration.statusFile)
        }
    }

    // MARK: - Set-up

    private func prepareDirectory() throws(DeviceAgentError) {
        do {
            try FileManager.default.createDirectory(at: configuration.directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: configuration.directory.path, reason: "\(error)")
        }
    }

    /// Turns IPv4 forwarding on in the agent's namespace (a router forwards between its tunnels and links).
    private func enableForwarding() throws(DeviceAgentError) {
        let path = "/proc/sys/net/ipv4/ip_forward"
        do {
            try "1\n".write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }
}
