import Ledger
import Logging
import Models
import ServiceLifecycle

/// The one way to follow the ledger: load a consistent snapshot of some entity kinds, then follow
/// the log stream from its sequence and hand the consumer every later entry, in order, once.
///
/// - **Snapshot.** ``LedgerAPI/consistentEntities(of:attempts:)`` as of sequence S, handed to
///   ``LedgerFollowConsumer/start(from:)``; then the stream from S + 1.
/// - **Slow consumer.** Entries are read while the consumer works and handed over together the
///   next time it asks (at most ``maxBatch`` at once), never dropped or reordered. When
///   ``maxBatch`` entries are waiting the session stops reading, so the stream pushes back on
///   the ledger instead of filling memory (a ledger that cuts the follower off is a stream end,
///   below).
/// - **Failures.** A stream that ends or fails, or a consumer whose ``LedgerFollowConsumer/apply(_:)``
///   throws, is retried after the ``ReconnectBackoff`` delay from the last applied sequence: the
///   failed batch comes again, nothing is skipped. A failed snapshot (the ledger, or the
///   consumer's `start`) is retried as a whole. A consumer may ask for a fresh snapshot by
///   throwing ``LedgerFollowReload``, and anyone by calling ``reload(_:)``.
/// - **Status.** ``status`` tells the phase, the applied and received sequences (their
///   difference is the lag) and the failures; each transition is logged.
public actor LedgerFollowSession: Service {
    /// The ledger followed.
    public nonisolated let ledger: any LedgerAPI
    /// The kinds of entity the snapshot reads.
    public nonisolated let kinds: [EntityKind]
    /// The most entries handed over at once, and waiting before the session stops reading.
    public nonisolated let maxBatch: Int
    private let consumer: any LedgerFollowConsumer
    private let logger: Logger
    private var backoff: ReconnectBackoff

    /// Where the session stands.
    public private(set) var status = LedgerFollowStatus()
    /// Entries received and not yet handed over, in order.
    private var waiting: [LogEntry] = []
    /// Whether the next attempt must load a snapshot first.
    private var needsSnapshot = true
    /// A reload asked for by ``reload(_:)`` and not yet begun, with its reason.
    private var pendingReload: String?
    /// Rings when entries arrive (the applier waits on it).
    private var arrivals: AsyncStream<Void>.Continuation?
    /// Rings when the consumer took entries (a reader held back by ``maxBatch`` waits on it).
    private var departures: AsyncStream<Void>.Continuation?
    /// Rings when ``reload(_:)`` is called during an attempt.
    private var reloads: AsyncStream<String>.Continuation?

    /// A session following `ledger` for `consumer`.
    ///
    /// - Parameters:
    ///   - ledger: the ledger (a file opened in this process, or a server).
    ///   - kinds: the entity kinds the snapshot reads.
    ///   - consumer: what the snapshot and the entries are handed to.
    ///   - backoff: the delay between failed attempts (reset after each applied batch).
    ///   - maxBatch: the most entries per ``LedgerFollowConsumer/apply(_:)``, and waiting.
    ///   - logger: where transitions are logged (`ledger.sequence`, `ledger.follow.*` metadata).
    public init(
        ledger: any LedgerAPI, kinds: [EntityKind], consumer: some LedgerFollowConsumer,
        backoff: ReconnectBackoff = ReconnectBackoff(), maxBatch: Int = 1024,
        logger: Logger = Logger(label: "doublezero.ledger.follow")
    ) {
        precondition(maxBatch > 0, "a batch holds at least one entry")
        self.ledger = ledger
        self.kinds = kinds
        self.consumer = consumer
        self.backoff = backoff
        self.maxBatch = maxBatch
        self.logger = logger
    }

    /// Follows until cancelled or, inside a `ServiceGroup`, until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
    }

    /// Follows until the task is cancelled.
    public func runUntilCancelled() async {
        while !Task.isCancelled {
            do {
                if let reason = pendingReload {
                    pendingReload = nil
                    needsSnapshot = true
                    logger.info("loading a fresh snapshot", metadata: ["ledger.follow.reason": "\(reason)"])
                }
                if needsSnapshot { try await loadSnapshot() }
                status.phase = .following
                try await follow()
            } catch is CancellationError {
                break
            } catch let reload as LedgerFollowReload {
                // Asked for by the consumer, or by ``reload(_:)`` (then `pendingReload` says so).
                if pendingReload == nil {
                    logger.info("loading a fresh snapshot", metadata: ["ledger.follow.reason": "\(reload.reason)"])
                    needsSnapshot = true
                }
            } catch {
                if Task.isCancelled { break }
                status.failures += 1
                status.lastFailure = "\(error)"
                status.phase = .retrying(failure: "\(error)")
                let delay = backoff.nextDelay()
                logger.warning(
                    "ledger follow failed; retrying",
                    metadata: [
                        "error": "\(error)", "ledger.follow.retry_in": "\(delay)",
                        "ledger.sequence": "\(status.appliedSequence)",
                    ])
                do { try await Task.sleep(for: delay) } catch { break }
            }
        }
        status.phase = .idle
    }

    /// Follows until cancelled, with `work` running beside it each time `bell` rings (a
    /// consumer's worker: it acts on what the consumer took in, off the session's path).
    public func runUntilCancelled(
        alongside bell: AsyncStream<Void>, work: @escaping @Sendable () async -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.runUntilCancelled() }
            group.addTask {
                for await _ in bell { await work() }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Makes the session load a fresh snapshot now (for example when the consumer's own state
    /// went stale outside ``LedgerFollowConsumer/apply(_:)``). A request that arrives while a
    /// snapshot is being handed over is not lost: another snapshot follows it.
    public func reload(_ reason: String) {
        pendingReload = reason
        reloads?.yield(reason)
    }

    // MARK: - One attempt

    /// Reads a consistent snapshot and hands it to the consumer.
    private func loadSnapshot() async throws {
        status.phase = .loading
        let (entities, sequence) = try await ledger.consistentEntities(of: kinds)
        try await consumer.start(from: LedgerSnapshot(entities: entities, sequence: sequence))
        needsSnapshot = false
        status.snapshots += 1
        status.appliedSequence = sequence
        status.receivedSequence = sequence
        waiting = []
        logger.info(
            "following the ledger from a snapshot",
            metadata: ["ledger.sequence": "\(sequence)", "ledger.follow.entities": "\(entities.count)"])
    }

    /// Follows the stream from the entry after the last applied one until something fails.
    private func follow() async throws {
        waiting = []
        status.receivedSequence = status.appliedSequence
        let (arrived, arrivals) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (departed, departures) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (reloadRequests, reloads) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.arrivals = arrivals
        self.departures = departures
        self.reloads = reloads
        if let reason = pendingReload { reloads.yield(reason) }
        defer {
            arrivals.finish()
            departures.finish()
            reloads.finish()
            self.arrivals = nil
            self.departures = nil
            self.reloads = nil
        }
        let stream = ledger.follow(from: status.appliedSequence + 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var departures = departed.makeAsyncIterator()
                for try await entry in stream {
                    while try await self.receive(entry) == false {
                        // Full: wait until the consumer takes some.
                        guard await departures.next() != nil else { throw CancellationError() }
                    }
                }
                throw LedgerFollowSessionError.streamEnded
            }
            group.addTask {
                for await _ in arrived {
                    while let batch = await self.nextBatch() {
                        try await self.consumer.apply(batch)
                        await self.applied(batch)
                    }
                }
                throw CancellationError()
            }
            group.addTask {
                for await reason in reloadRequests { throw LedgerFollowReload(reason) }
                throw CancellationError()
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }

    /// Takes an entry from the stream; false (and nothing taken) when ``maxBatch`` are waiting.
    ///
    /// - Throws: ``LedgerFollowSessionError/gap(expected:received:)`` for a skipped sequence.
    private func receive(_ entry: LogEntry) throws -> Bool {
        let expected = status.receivedSequence + 1
        if entry.sequence < expected { return true }  // already had it (a resent entry)
        guard entry.sequence == expected else {
            throw LedgerFollowSessionError.gap(expected: expected, received: entry.sequence)
        }
        guard waiting.count < maxBatch else { return false }
        waiting.append(entry)
        status.receivedSequence = entry.sequence
        arrivals?.yield()
        return true
    }

    /// The waiting entries (at most ``maxBatch``), still counted as waiting until ``applied(_:)``.
    private func nextBatch() -> [LogEntry]? {
        guard !waiting.isEmpty else { return nil }
        return Array(waiting.prefix(maxBatch))
    }

    /// The consumer applied `batch`.
    private func applied(_ batch: [LogEntry]) {
        waiting.removeFirst(min(batch.count, waiting.count))
        if let last = batch.last { status.appliedSequence = last.sequence }
        backoff.reset()
        departures?.yield()
    }
}
