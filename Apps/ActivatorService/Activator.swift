import Allocator
import Ledger
import Logging
import Models
import ServiceLifecycle

/// The activator service (DESIGN.md decision 3, serviceability §10): follows the ledger log and,
/// for every pending device, loopback, link, user and multicast group, allocates from the
/// pools and submits Activate (or Reject with a reason when a pool is exhausted); for every
/// deleting one it submits Close (or Remove), and the values come back to the pools when the
/// ledger's change arrives.
///
/// **Sessions.** Each session reads the head H, then every entity (the pools are rebuilt from
/// them: the ledger's live allocations, so a restart never leaks), then follows the log from
/// H + 1. A session ends when the log stream ends, the ledger fails, or the ledger refuses an
/// activation with `AllocationFailed` (stale pools); ``run()`` then starts a new one.
///
/// **Batching.** Whatever is waiting is planned at once and submitted up to
/// ``SignedTransaction/maxInstructions`` per transaction; a refused transaction is retried one
/// instruction per transaction, so one bad instruction does not hold back the others.
///
/// **Races.** Another activator (or a re-delivery) may act first: the ledger then refuses with
/// `InvalidStatus`, which is logged at debug level and counts as done. The ledger re-checks every
/// allocation, so the activator can never double-allocate.
public actor Activator: Service {
    /// The ledger followed and written to.
    public let ledger: any LedgerAPI
    /// The activator authority's key.
    public let keypair: Keypair
    /// Where it logs (`activator.entity`, `activator.kind`, `ledger.sequence` metadata).
    public let logger: Logger
    /// The most instructions per transaction.
    public let batchLimit: Int
    /// How long to wait before a new session after a failed one.
    public let retryDelay: Duration

    /// The current session's state; nil between sessions.
    var state: ActivatorState?
    /// Entities changed since they were last planned.
    var dirty: Set<EntityRef> = []
    /// Wakes the worker when `dirty` gains entries.
    var doorbell: AsyncStream<Void>.Continuation?
    /// Targets whose activation the ledger refused with `AllocationFailed`, and how often.
    var allocationFailures: [ActivationTarget: Int] = [:]
    /// The last log sequence the session has applied (the head it started from, then each followed entry).
    public private(set) var followedSequence: UInt64 = 0
    /// Counts of what it did, for tests and logs.
    public internal(set) var statistics = ActivatorStatistics()

    /// Creates an activator; call ``run()`` to start it.
    ///
    /// - Parameters:
    ///   - ledger: the ledger.
    ///   - keypair: the activator authority's key.
    ///   - logger: where it logs.
    ///   - batchLimit: instructions per transaction, 1 … 64.
    ///   - retryDelay: pause before a new session after a failure.
    public init(
        ledger: any LedgerAPI, keypair: Keypair, logger: Logger = Logger(label: "doublezero.activator"),
        batchLimit: Int = SignedTransaction.maxInstructions, retryDelay: Duration = .milliseconds(500)
    ) {
        precondition((1...SignedTransaction.maxInstructions).contains(batchLimit), "batchLimit must be 1…64")
        self.ledger = ledger
        self.keypair = keypair
        self.logger = logger
        self.batchLimit = batchLimit
        self.retryDelay = retryDelay
    }

    /// Runs sessions until cancelled or, inside a `ServiceGroup`, until graceful shutdown.
    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.runUntilCancelled() }
    }

    /// Runs sessions until the task is cancelled; a failed session is logged and followed by a
    /// new one after ``retryDelay``.
    public func runUntilCancelled() async throws {
        while !Task.isCancelled {
            do {
                try await runSession()
            } catch is CancellationError {
                break
            } catch let error as ActivatorError {
                if Task.isCancelled { break }
                if case .stalePools = error {
                    logger.info("rebuilding the pools", metadata: ["activator.reason": "\(error)"])
                    continue
                }
                logger.warning("activator session failed", metadata: ["error": "\(error)"])
            } catch {
                if Task.isCancelled { break }
                logger.warning("activator session failed", metadata: ["error": "\(error)"])
            }
            do {
                try await Task.sleep(for: retryDelay)
            } catch {
                break
            }
        }
        state = nil
        doorbell?.finish()
        doorbell = nil
    }

    /// One session: load, rebuild, then follow and act until something ends it.
    func runSession() async throws {
        let loaded = try await loadState()
        state = loaded.state
        followedSequence = loaded.sequence
        statistics.sessions += 1
        dirty = Set(loaded.state.refsNeedingWork)
        let (bell, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        doorbell?.finish()
        doorbell = continuation
        continuation.yield()
        logger.info(
            "activator session started",
            metadata: [
                "ledger.sequence": "\(loaded.sequence)", "activator.pending": "\(dirty.count)",
                "activator.devices": "\(loaded.state.devices.count)", "activator.users": "\(loaded.state.users.count)",
            ])
        let stream = ledger.follow(from: loaded.sequence + 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await entry in stream {
                    await self.apply(entry)
                }
                throw ActivatorError.followStreamEnded("the ledger closed the stream")
            }
            group.addTask {
                for await _ in bell {
                    try await self.processWaiting()
                }
                throw CancellationError()
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }

    /// Reads the head, then every entity, until the head did not move while reading (at most a
    /// few tries; a moving head only means some changes are delivered twice).
    func loadState() async throws -> (state: ActivatorState, sequence: UInt64) {
        do {
            let (entities, sequence) = try await ledger.consistentEntities(
                of: [.globalConfig, .device, .link, .user, .multicastGroup])
            var config: GlobalConfig?
            for case .globalConfig(let value) in entities { config = value }
            guard let config else { throw ActivatorError.missingGlobalConfig }
            return (ActivatorState(globalConfig: config, entities: entities, at: sequence), sequence)
        } catch let error as LedgerError {
            throw ActivatorError.ledger(error)
        }
    }

    /// Applies a log entry's changes and wakes the worker if an entity needs an instruction.
    func apply(_ entry: LogEntry) {
        guard var current = state else { return }
        followedSequence = max(followedSequence, entry.sequence)
        state = nil
        var touched = false
        for change in entry.changes where current.apply(change, at: entry.sequence) {
            allocationFailures[.entity(change.ref)] = nil
            if current.needsWork(change.ref) {
                dirty.insert(change.ref)
                touched = true
            }
        }
        state = current
        if touched { doorbell?.yield() }
    }
}

extension Activator {
    /// Audits the activator's pools against `snapshot` (normally the ledger's entities once the
    /// activator is idle): a leak shows as `allocatedButNotUsed`, a double allocation as
    /// `duplicateUsage`. Nil between sessions.
    public func auditPools(against snapshot: AllocationSnapshot) -> [AllocationFinding]? {
        state?.pools.audit(snapshot)
    }

    /// Whether a session is running, has followed the log through `sequence` and has nothing
    /// waiting to be planned.
    public func isIdle(through sequence: UInt64) -> Bool {
        state != nil && dirty.isEmpty && followedSequence >= sequence
    }
}
