import Allocator
import Ledger
import LedgerClient
import Logging
import Models
import ServiceLifecycle

/// The activator service (DESIGN.md decision 3, serviceability §10): follows the ledger log and,
/// for every pending device, loopback, link, user and multicast group, allocates from the
/// pools and submits Activate (or Reject with a reason when a pool is exhausted); for every
/// deleting one it submits Close (or Remove), and the values come back to the pools when the
/// ledger's change arrives.
///
/// **Sessions.** The activator follows the ledger through the shared
/// ``LedgerClient/LedgerFollowSession``: each snapshot (every entity as of a sequence H) rebuilds
/// the state and the pools (the ledger's live allocations, so a restart never leaks), then the
/// log from H + 1 is applied entry by entry. When the ledger refuses an activation with
/// `AllocationFailed` (stale pools) or fails, the activator asks the session for a fresh snapshot.
///
/// **Batching.** Whatever is waiting is planned at once and submitted up to
/// ``SignedTransaction/maxInstructions`` per transaction; a refused transaction is retried one
/// instruction per transaction, so one bad instruction does not hold back the others.
///
/// **Races.** Another activator (or a re-delivery) may act first: the ledger then refuses with
/// `InvalidStatus`, which is logged at debug level and counts as done. The ledger re-checks every
/// allocation, so the activator can never double-allocate.
public actor Activator: Service, LedgerFollowConsumer {
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
    /// The follow session while running.
    private var session: LedgerFollowSession?
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

    /// Runs until cancelled or, inside a `ServiceGroup`, until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
    }

    /// Follows the ledger through a ``LedgerClient/LedgerFollowSession`` (this actor is its
    /// consumer) and works on what is waiting, until the task is cancelled. A failure of the
    /// work (stale pools, the ledger failing) makes the session load a fresh snapshot, from
    /// which the pools are rebuilt.
    public func runUntilCancelled() async {
        let session = LedgerFollowSession(
            ledger: ledger, kinds: Self.followedKinds, consumer: self,
            backoff: ReconnectBackoff(initial: retryDelay, maximum: retryDelay * 10), logger: logger)
        self.session = session
        let (bell, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        doorbell = continuation
        await session.runUntilCancelled(alongside: bell) { await self.work() }
        state = nil
        doorbell?.finish()
        doorbell = nil
        self.session = nil
    }

    /// The kinds of entity the activator follows.
    static let followedKinds: [EntityKind] = [.globalConfig, .device, .link, .user, .multicastGroup]

    /// Works on what is waiting; a failure drops the state and asks the session for a fresh
    /// snapshot (at once for stale pools, after ``retryDelay`` when the ledger failed).
    private func work() async {
        do {
            try await processWaiting()
        } catch {
            guard !Task.isCancelled else { return }
            state = nil
            if case .stalePools = error as? ActivatorError {
                logger.info("rebuilding the pools", metadata: ["activator.reason": "\(error)"])
            } else {
                logger.warning("activator work failed; reloading", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: retryDelay)
            }
            await session?.reload("\(error)")
        }
    }

    // MARK: - LedgerFollowConsumer

    /// Rebuilds the state and the pools from a snapshot and plans everything waiting in it.
    ///
    /// - Throws: ``ActivatorError/missingGlobalConfig`` when the ledger has no config yet (the
    ///   session retries).
    public func start(from snapshot: LedgerSnapshot) throws {
        var config: GlobalConfig?
        for case .globalConfig(let value) in snapshot.entities { config = value }
        guard let config else { throw ActivatorError.missingGlobalConfig }
        let loaded = ActivatorState(globalConfig: config, entities: snapshot.entities, at: snapshot.sequence)
        state = loaded
        followedSequence = snapshot.sequence
        statistics.sessions += 1
        dirty = Set(loaded.refsNeedingWork)
        doorbell?.yield()
        logger.info(
            "activator session started",
            metadata: [
                "ledger.sequence": "\(snapshot.sequence)", "activator.pending": "\(dirty.count)",
                "activator.devices": "\(loaded.devices.count)", "activator.users": "\(loaded.users.count)",
            ])
    }

    /// Applies followed entries in order.
    public func apply(_ entries: [LogEntry]) {
        for entry in entries { apply(entry) }
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
