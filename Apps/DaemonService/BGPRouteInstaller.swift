import BGP
import Dispatch
import Foundation
import LinuxHost
import Logging
import Models
import Synchronization
import Tunnel

/// Writes the routes one service's BGP session learns into the kernel (`reference/client.md`
/// §2.7–2.9): it consumes the ``BGPSpeaker``'s events, runs them through a
/// ``BGPKernelRouteTable`` with the service's policy, and writes the resulting changes with
/// ``NetlinkSession/applyRoutes(_:acknowledgement:)``.
///
/// **Coalescing.** A full table arrives as thousands of UPDATEs. Events are queued as they come;
/// the writer takes everything queued at once, reduces it to one change per prefix
/// (``KernelRouteBatch``) and writes it in one batch, while the next events queue up behind it.
/// Batches are acknowledged ``NetlinkBatchAcknowledgement/errorsOnly`` by default: the kernel
/// answers refusals and one no-op per datagram instead of every route, which saves about a
/// quarter of the kernel's time per route (`make bench-daemon` shows both).
///
/// **Threads.** Netlink calls block, so they run on a dedicated thread of their own (LinuxHost's
/// ``DedicatedThread``, named `bgp-routes`), never on Swift concurrency's cooperative pool. The
/// netlink socket is opened in the given network namespace (the caller's by default), so every
/// route lands there.
///
/// **Policy** (``BGPKernelRouteTable/Policy``): IBRL writes to the main table with protocol 186
/// and the DZ IP as source; IBRL with allocated IP never deletes (`uninstalls` false:
/// NoUninstall); EdgeFiltering writes to table 100; multicast writes nothing (`installs` false:
/// NoInstall). A route to the policy's own source /32 (the DZ IP) is never installed. When the
/// session closes, the routes it learned are deleted (unless NoUninstall).
///
/// ``stop()`` ends the work and, unless NoUninstall or NoInstall, deletes every route the
/// installer holds in the kernel.
public final class BGPRouteInstaller: Sendable {
    /// The policy every event is applied with.
    public let policy: BGPKernelRouteTable.Policy
    /// Every status the session takes, with its time, in order; finishes after ``stop()``.
    public let statusChanges: AsyncStream<BGPSessionStatusChange>

    private let events: AsyncStream<BGPSpeakerEvent>
    private let statusContinuation: AsyncStream<BGPSessionStatusChange>.Continuation
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)
    private let writer: Mutex<Writer?>
    private let acknowledgement: NetlinkBatchAcknowledgement
    private let logger: Logger

    /// What the event pump and the writer thread share.
    private struct State {
        /// Events received and not yet taken by the writer.
        var queued: [BGPSpeakerEvent] = []
        /// Set by ``stop()``: the writer deletes (per policy) and ends.
        var stopping = false
        /// The routes the kernel holds from this installer, by prefix.
        var installed: [IPv4Prefix: DesiredKernelRoute] = [:]
        var counts = BGPRouteInstallerCounts()
        var status: BGPSessionStatusChange?
        var pump: Task<Void, Never>?
        var thread: DedicatedThread?
    }

    /// The writer thread's own things: the route table and the netlink session (used by that
    /// thread only, hence unchecked).
    private final class Writer: @unchecked Sendable {
        var table: BGPKernelRouteTable
        let session: NetlinkSession

        init(table: BGPKernelRouteTable, session: NetlinkSession) {
            self.table = table
            self.session = session
        }
    }

    /// An installer for the session whose events are `events` (a ``BGPSpeaker``'s ``BGPSpeaker/events``;
    /// the installer must be its only consumer), writing with `policy` into `namespace` (nil: the
    /// caller's), each batch acknowledged as `acknowledgement` says. Nothing happens before
    /// ``start()``.
    ///
    /// - Throws: the netlink socket could not be opened in the namespace.
    public init(
        events: AsyncStream<BGPSpeakerEvent>, policy: BGPKernelRouteTable.Policy, namespace: NetworkNamespace? = nil,
        acknowledgement: NetlinkBatchAcknowledgement = .errorsOnly,
        logger: Logger = Logger(label: "doublezero.daemon.bgp-routes")
    ) throws(NetlinkError) {
        self.events = events
        self.policy = policy
        self.acknowledgement = acknowledgement
        self.logger = logger
        (statusChanges, statusContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        writer = Mutex(
            Writer(table: BGPKernelRouteTable(policy: policy), session: try NetlinkSession(namespace: namespace)))
    }

    /// Starts consuming events and writing routes. Calling it again, or after ``stop()``, does
    /// nothing.
    public func start() {
        // Under the lock, so that a concurrent stop() finds the thread and the pump to end.
        state.withLock { state in
            guard !state.stopping, let writer = writer.withLock({ $0.take() }) else { return }
            state.thread = DedicatedThread(name: "bgp-routes") { [self] in self.writeLoop(writer) }
            state.pump = Task { [self] in
                for await event in events { receive(event) }
            }
        }
    }

    /// The routes the kernel holds from this installer, sorted by destination (for `/routes`).
    public var installedRoutes: [DesiredKernelRoute] {
        state.withLock { Array($0.installed.values) }.sorted {
            ($0.destination.address, $0.destination.length) < ($1.destination.address, $1.destination.length)
        }
    }

    /// Installed routes and failures so far.
    public var counts: BGPRouteInstallerCounts { state.withLock { $0.counts } }

    /// The latest session status and when it changed; nil before the first.
    public var sessionStatus: BGPSessionStatusChange? { state.withLock { $0.status } }

    /// The `/routes` records of the installed routes: source the DZ IP, peer the destination.
    public func routeRecords(network: String) -> [RouteRecord] {
        guard let source = policy.source else { return [] }
        return installedRoutes.map {
            RouteRecord(network: network, localIP: source, peerIP: $0.destination.address, kernelState: .present)
        }
    }

    /// Stops consuming events, writes what was queued, then deletes every installed route unless
    /// the policy is NoUninstall or NoInstall; returns when the writer thread has ended. The
    /// speaker is its owner's to stop (before or after).
    public func stop() async {
        let (pump, thread) = state.withLock { state -> (Task<Void, Never>?, DedicatedThread?) in
            state.stopping = true
            return (state.pump, state.thread)
        }
        pump?.cancel()
        wakeup.signal()
        if let thread {
            await DedicatedThread.run(name: "bgp-routes-join") { thread.join() }
        }
        statusContinuation.finish()
    }

    // MARK: Event pump (a task) and writer (the dedicated thread)

    private func receive(_ event: BGPSpeakerEvent) {
        if case .statusChanged(let status) = event {
            let change = BGPSessionStatusChange(status: status, changedAt: Date())
            state.withLock { $0.status = change }
            statusContinuation.yield(change)
            return
        }
        guard policy.installs else { return }
        let wasEmpty = state.withLock { state -> Bool in
            defer { state.queued.append(event) }
            return state.queued.isEmpty
        }
        if wasEmpty { wakeup.signal() }
    }

    private func writeLoop(_ writer: Writer) {
        while true {
            wakeup.wait()
            let (events, stopping) = state.withLock { state in
                defer { state.queued.removeAll(keepingCapacity: true) }
                return (state.queued, state.stopping)
            }
            var wanted: [KernelRouteChange] = []
            for event in events { wanted += writer.table.apply(event) }
            if !wanted.isEmpty {
                // Reduced under the lock, so the installed routes are read in place, not copied.
                write(state.withLock { KernelRouteBatch(wanted, installed: $0.installed) }, with: writer.session)
            }
            if stopping {
                if policy.installs && policy.uninstalls {
                    let batch = state.withLock { state in
                        KernelRouteBatch(state.installed.values.map { .delete($0) }, installed: state.installed)
                    }
                    write(batch, with: writer.session)
                }
                return
            }
        }
    }

    /// Writes `batch` in one netlink call and records what the kernel now holds.
    private func write(_ batch: KernelRouteBatch, with session: NetlinkSession) {
        guard !batch.changes.isEmpty else { return }
        let failures: [RouteChangeFailure]
        do {
            failures = try session.applyRoutes(batch.changes, acknowledgement: acknowledgement)
        } catch {
            logger.error(
                "writing BGP routes failed",
                metadata: ["routes.changes": "\(batch.changes.count)", "error": "\(error)"])
            state.withLock {
                $0.counts.failures += batch.changes.count
                $0.counts.batches += 1
            }
            return
        }
        let refused = Set(failures.map(\.index))
        for failure in failures.prefix(10) {
            logger.warning("kernel refused a BGP route", metadata: ["error": "\(failure.error)"])
        }
        state.withLock { state in
            for (index, outcome) in batch.outcomes.enumerated() where !refused.contains(index) {
                state.installed[outcome.prefix] = outcome.route
            }
            state.counts.installed = state.installed.count
            state.counts.failures += failures.count
            state.counts.applied += batch.changes.count - failures.count
            state.counts.batches += 1
        }
    }
}
