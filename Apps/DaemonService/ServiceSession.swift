import BGP
import Foundation
import Logging
import Models
import NIOCore
import Synchronization
import Tunnel

/// The BGP side of one running service: its speaker, the kernel routes it learned (written
/// through netlink as its events arrive, per the layout's route policy), and what `/status`,
/// `/routes` and the metrics report about it.
///
/// ``stop()`` closes the session (Cease) and waits until the routes the policy uninstalls are
/// gone from the kernel.
public final class ServiceSession: Sendable {
    /// What the session reports.
    public struct Snapshot: Sendable, Hashable {
        /// The latest BGP status, nil before the speaker started.
        public var status: BGPSessionStatus?
        /// When it last changed (Unix seconds).
        public var statusChangedAt: Int64?
        /// When the current session reached Established, if it is up.
        public var establishedAt: ContinuousClock.Instant?
        /// The learned routes in the kernel (or that would be, for a policy that does not install).
        public var routes: [DesiredKernelRoute]
        /// How many sessions closed (connect failures included) since start.
        public var closes: Int
        /// How many kernel route changes failed.
        public var routeFailures: Int
    }

    /// The session's settings.
    public let layout: HostServiceLayout
    private let speaker: BGPSpeaker
    private let state: Mutex<Snapshot>
    private let writer: Mutex<Task<Void, Never>?>

    /// Starts the session of `layout`: announces its prefixes, dials the device and writes what
    /// it learns. `onChange` is called after every status change (not for route changes).
    public init(
        layout: HostServiceLayout, eventLoopGroup: any EventLoopGroup, metrics: DaemonMetrics, logger: Logger,
        onChange: @escaping @Sendable () -> Void
    ) {
        self.layout = layout
        self.speaker = BGPSpeaker(configuration: layout.bgp, eventLoopGroup: eventLoopGroup)
        self.state = Mutex(Snapshot(routes: [], closes: 0, routeFailures: 0))
        self.writer = Mutex(nil)
        speaker.announce(layout.announced)
        let task = Task { [self] in
            await self.follow(
                speaker.events, policy: layout.routePolicy, metrics: metrics, logger: logger, onChange: onChange)
        }
        writer.withLock { $0 = task }
        speaker.start()
    }

    /// What the session reports now.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Closes the session and waits until its routes are handled (deleted unless the policy
    /// keeps them).
    public func stop() async {
        await speaker.stop()
        await writer.withLock { $0 }?.value
    }

    /// Applies every event to the route table and the kernel, in order, until the stream ends.
    private func follow(
        _ events: AsyncStream<BGPSpeakerEvent>, policy: BGPKernelRouteTable.Policy, metrics: DaemonMetrics,
        logger: Logger, onChange: @Sendable () -> Void
    ) async {
        var table = BGPKernelRouteTable(policy: policy)
        var netlink: NetlinkSession?
        var attemptStarted = ContinuousClock.now
        for await event in events {
            let started = ContinuousClock.now
            switch event {
            case .statusChanged(let status):
                state.withLock {
                    $0.status = status
                    $0.statusChangedAt = Int64(Date().timeIntervalSince1970)
                    if status != .up { $0.establishedAt = nil }
                }
                logger.info("bgp session status", metadata: ["bgp.status": "\(status.rawValue)"])
                onChange()
                continue
            case .established:
                state.withLock { $0.establishedAt = ContinuousClock.now }
                metrics.sessionEstablished(peer: layout.bgp.peerAddress, after: started - attemptStarted)
            case .sessionClosed(let reason):
                state.withLock { $0.closes += 1 }
                attemptStarted = started
                logger.debug("bgp session closed", metadata: ["bgp.reason": "\(reason)"])
            case .routesAnnounced, .routesWithdrawn:
                break
            }
            let changes = table.apply(event)
            var failures = 0
            if !changes.isEmpty {
                if netlink == nil { netlink = try? NetlinkSession() }
                if let netlink {
                    for change in changes where !Self.write(change, with: netlink, logger: logger) { failures += 1 }
                } else {
                    failures = changes.count
                }
            }
            if case .routesAnnounced = event { metrics.bgpUpdateHandled(in: ContinuousClock.now - started) }
            if case .routesWithdrawn = event { metrics.bgpUpdateHandled(in: ContinuousClock.now - started) }
            let routes = table.routes.values.sorted { $0.destination.address < $1.destination.address }
            state.withLock {
                $0.routes = routes
                $0.routeFailures += failures
            }
        }
    }

    /// Writes one change; false (and a log line) when the kernel refused it.
    private static func write(_ change: KernelRouteChange, with netlink: NetlinkSession, logger: Logger) -> Bool {
        do {
            switch change {
            case .replace(let route): try netlink.replaceRoute(Route(route))
            case .delete(let route): try netlink.deleteRoute(Route(route))
            }
            return true
        } catch .notFound {
            return true
        } catch {
            logger.warning("kernel route change failed", metadata: ["error": "\(error)"])
            return false
        }
    }
}

extension Route {
    /// The kernel route of a BGP-learned one (the gateway resolves through the tunnel's /31).
    init(_ route: DesiredKernelRoute) {
        self.init(
            destination: route.destination, gateway: route.gateway, source: route.source, table: route.table,
            protocol: RouteProtocol(rawValue: route.routeProtocol))
    }
}
