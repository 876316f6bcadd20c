import BGP
import Foundation
import Logging
import Models
import NIOCore
import Synchronization
import Tunnel

/// The BGP side of one running service: its speaker announcing the DZ IP, and the
/// ``BGPRouteInstaller`` writing what it learns into the kernel with the layout's route policy;
/// plus what `/status`, `/routes` and the metrics report about it.
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
        /// How many times a session went down or an attempt failed since start.
        public var closes: Int
    }

    /// The session's settings.
    public let layout: HostServiceLayout
    private let speaker: BGPSpeaker
    private let installer: BGPRouteInstaller
    private let state: Mutex<Snapshot>
    private let follower: Mutex<Task<Void, Never>?>

    /// Starts the session of `layout`: announces its prefixes, dials the device and writes what
    /// it learns. `onChange` is called after every status change (not for route changes).
    ///
    /// - Throws: the installer's netlink socket could not be opened.
    public init(
        layout: HostServiceLayout, eventLoopGroup: any EventLoopGroup, metrics: DaemonMetrics, logger: Logger,
        onChange: @escaping @Sendable () -> Void
    ) throws(NetlinkError) {
        self.layout = layout
        speaker = BGPSpeaker(configuration: layout.bgp, eventLoopGroup: eventLoopGroup)
        installer = try BGPRouteInstaller(events: speaker.events, policy: layout.routePolicy, logger: logger)
        state = Mutex(Snapshot(closes: 0))
        follower = Mutex(nil)
        let task = Task { [self, installer] in
            await follow(installer.statusChanges, metrics: metrics, logger: logger, onChange: onChange)
        }
        follower.withLock { $0 = task }
        speaker.announce(layout.announced)
        installer.start()
        speaker.start()
    }

    /// What the session reports now.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// The learned routes the kernel holds from this session (none for a policy that does not install).
    public var installedRoutes: [DesiredKernelRoute] { installer.installedRoutes }

    /// The `/routes` records of the learned routes, for network `network`.
    public func routeRecords(network: String) -> [RouteRecord] { installer.routeRecords(network: network) }

    /// Kernel route changes refused so far.
    public var routeFailures: Int { installer.counts.failures }

    /// Closes the session and waits until its routes are handled (deleted unless the policy keeps them).
    public func stop() async {
        await speaker.stop()
        await installer.stop()
        await follower.withLock { $0 }?.value
    }

    /// Records every status change, in order, until the installer stops.
    private func follow(
        _ changes: AsyncStream<BGPSessionStatusChange>, metrics: DaemonMetrics, logger: Logger,
        onChange: @Sendable () -> Void
    ) async {
        var attemptStarted = ContinuousClock.now
        var previous: BGPSessionStatus?
        for await change in changes {
            let now = ContinuousClock.now
            state.withLock {
                $0.status = change.status
                $0.statusChangedAt = Int64(change.changedAt.timeIntervalSince1970)
                if change.status == .up {
                    $0.establishedAt = now
                } else {
                    $0.establishedAt = nil
                    if previous == .up || change.status == .failed || change.status == .networkUnreachable {
                        $0.closes += 1
                    }
                }
            }
            if change.status == .up {
                metrics.sessionEstablished(peer: layout.bgp.peerAddress, after: now - attemptStarted)
            } else if previous == .up {
                attemptStarted = now
            }
            previous = change.status
            logger.info("bgp session status", metadata: ["bgp.status": "\(change.status.rawValue)"])
            onChange()
        }
    }
}
