import Foundation
import Ledger
import LedgerClient
import Logging
import Models
import Routing
import ServiceLifecycle

/// The controller: follows the ledger through the shared ``LedgerClient/LedgerFollowSession`` and
/// keeps ``current`` — an immutable snapshot of every device's config model — up to date, for
/// ``ConfigHTTPServer`` to serve.
///
/// Each snapshot the session loads builds a new one at once; later entries that touch a kind a
/// device config depends on (``LedgerStateLoader/kinds``) trigger a rebuild, at most once per
/// ``rebuildInterval``, so a burst of entries costs one rebuild. Failures are the session's to
/// retry; the last good snapshot stays in service meanwhile.
public actor ControllerService: Service, LedgerFollowConsumer {
    /// The ledger followed.
    public nonisolated let ledger: any LedgerAPI
    /// How configs are rendered.
    public nonisolated let options: DeviceConfigOptions
    /// The snapshot in service.
    public nonisolated let current: CurrentSnapshot
    /// Where it counts what it does.
    public nonisolated let metrics: ControllerMetrics
    /// The least time between two rebuilds.
    public nonisolated let rebuildInterval: Duration
    private let logger: Logger
    private let retryDelay: Duration

    /// The followed state of the kinds a config depends on.
    private var state = LedgerState()
    /// The last sequence reflected in ``state``.
    private var sequence: UInt64 = 0
    /// Wakes the rebuilder when ``state`` changed.
    private var doorbell: AsyncStream<Void>.Continuation?
    /// The follow session while running.
    private var session: LedgerFollowSession?

    /// A controller of `ledger`.
    ///
    /// - Parameters:
    ///   - ledger: the ledger (a file opened in this process, or a server).
    ///   - options: how configs are rendered.
    ///   - metrics: where it counts.
    ///   - logger: where it logs (`ledger.sequence`, `controller.*` metadata).
    ///   - retryDelay: the first delay after a failed follow attempt (the session backs off from it).
    ///   - rebuildInterval: the least time between rebuilds.
    public init(
        ledger: any LedgerAPI, options: DeviceConfigOptions, metrics: ControllerMetrics = ControllerMetrics(),
        logger: Logger = Logger(label: "doublezero.controller"), retryDelay: Duration = .seconds(1),
        rebuildInterval: Duration = .milliseconds(100)
    ) {
        self.ledger = ledger
        self.options = options
        self.current = CurrentSnapshot()
        self.metrics = metrics
        self.logger = logger
        self.retryDelay = retryDelay
        self.rebuildInterval = rebuildInterval
    }

    /// The follow session's status (idle when not running).
    public var followStatus: LedgerFollowStatus {
        get async { await session?.status ?? LedgerFollowStatus() }
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
    }

    /// Follows and rebuilds until the task is cancelled.
    public func runUntilCancelled() async {
        let session = LedgerFollowSession(
            ledger: ledger, kinds: LedgerStateLoader.kinds, consumer: self,
            backoff: ReconnectBackoff(initial: retryDelay, maximum: retryDelay * 10), logger: logger)
        self.session = session
        let (bell, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        doorbell = continuation
        await session.runUntilCancelled(alongside: bell) {
            await self.publish()
            try? await Task.sleep(for: self.rebuildInterval)
        }
        doorbell?.finish()
        doorbell = nil
        self.session = nil
    }

    // MARK: - LedgerFollowConsumer

    /// Takes a fresh snapshot's entities and builds a config snapshot from them at once.
    public func start(from snapshot: LedgerSnapshot) {
        state = LedgerState(entities: snapshot.entities)
        sequence = snapshot.sequence
        publish()
    }

    /// Applies the changes of the kinds a config depends on, and asks for a rebuild if any.
    public func apply(_ entries: [LogEntry]) {
        let changed = state.apply(entries, kinds: Set(LedgerStateLoader.kinds))
        sequence = max(sequence, entries.last?.sequence ?? 0)
        if !changed.isEmpty { doorbell?.yield() }
    }

    /// Builds a snapshot of the current state and puts it in service; a failure keeps the last
    /// good one and is counted and logged.
    private func publish() {
        let clock = ContinuousClock()
        let start = clock.now
        let configSnapshot: DeviceConfigSnapshot
        do {
            configSnapshot = try DeviceConfigSnapshot(state: state)
        } catch {
            metrics.countUpdateError()
            logger.warning("no snapshot built", metadata: ["error": "\(error)", "ledger.sequence": "\(sequence)"])
            return
        }
        let snapshot = ControllerSnapshot(
            configs: NetworkDeviceConfigs(snapshot: configSnapshot, options: options), sequence: sequence)
        current.replace(with: snapshot)
        metrics.snapshotBuilt(snapshot)
        let failing = snapshot.configs.entries.filter {
            if case .failure = $0.result { true } else { false }
        }
        logger.info(
            "snapshot built",
            metadata: [
                "ledger.sequence": "\(sequence)", "controller.devices": "\(snapshot.configs.entries.count)",
                "controller.devices_without_config": "\(failing.map(\.code))",
                "controller.build_ms": "\((clock.now - start).formatted(.units(allowed: [.milliseconds])))",
            ])
    }
}
