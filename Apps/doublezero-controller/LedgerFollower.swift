import Foundation
import Ledger
import Logging
import Models
import Routing
import ServiceLifecycle

/// Follows the ledger and keeps ``CurrentSnapshot`` up to date: loads every entity at the head,
/// builds a snapshot, then applies each log entry's changes and rebuilds — at most once per
/// ``rebuildInterval``, so a burst of entries costs one rebuild. A failed session (ledger
/// unreachable, stream ended) is logged and retried after ``retryDelay``; the last good snapshot
/// stays in service meanwhile.
actor LedgerFollower: Service {
    let ledger: any LedgerAPI
    let options: DeviceConfigOptions
    let current: CurrentSnapshot
    let metrics: ControllerMetrics
    let logger: Logger
    let retryDelay: Duration
    let rebuildInterval: Duration

    /// The ledger state of the running session.
    private var state = LedgerState()
    /// The last sequence applied to ``state``.
    private var sequence: UInt64 = 0
    /// Wakes the rebuilder when ``state`` changed.
    private var doorbell: AsyncStream<Void>.Continuation?

    init(
        ledger: any LedgerAPI, options: DeviceConfigOptions, current: CurrentSnapshot, metrics: ControllerMetrics,
        logger: Logger, retryDelay: Duration = .seconds(1), rebuildInterval: Duration = .milliseconds(100)
    ) {
        self.ledger = ledger
        self.options = options
        self.current = current
        self.metrics = metrics
        self.logger = logger
        self.retryDelay = retryDelay
        self.rebuildInterval = rebuildInterval
    }

    /// Runs sessions until graceful shutdown.
    func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
    }

    /// Runs sessions until the task is cancelled.
    func runUntilCancelled() async {
        while !Task.isCancelled {
            do {
                try await runSession()
            } catch {
                if Task.isCancelled { break }
                metrics.countUpdateError()
                logger.warning(
                    "ledger follow session failed; retrying",
                    metadata: ["error": "\(error)", "retry.delay": "\(retryDelay)"])
            }
            do { try await Task.sleep(for: retryDelay) } catch { break }
        }
        doorbell?.finish()
    }

    /// Loads the head state, then follows the log from there.
    private func runSession() async throws {
        let loaded = try await LedgerStateLoader.load(from: ledger)
        state = loaded.state
        sequence = loaded.sequence
        try publish()
        let (bell, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        doorbell?.finish()
        doorbell = continuation
        let stream = ledger.follow(from: loaded.sequence + 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await entry in stream { await self.apply(entry) }
                throw ControllerError.followStreamEnded
            }
            group.addTask {
                for await _ in bell {
                    try await self.publish()
                    try await Task.sleep(for: self.rebuildInterval)
                }
                throw CancellationError()
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }

    /// Applies one log entry's changes to the kinds the controller uses.
    private func apply(_ entry: LogEntry) {
        var changed = false
        for change in entry.changes where LedgerStateLoader.kinds.contains(change.ref.kind) {
            state.apply(change)
            changed = true
        }
        sequence = max(sequence, entry.sequence)
        if changed { doorbell?.yield() }
    }

    /// Builds a snapshot of the current state and puts it in service.
    private func publish() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let snapshot = ControllerSnapshot(
            configs: NetworkDeviceConfigs(snapshot: try DeviceConfigSnapshot(state: state), options: options),
            sequence: sequence, builtAt: Date())
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
