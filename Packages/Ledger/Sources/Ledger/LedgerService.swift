import Foundation
import Models
import Synchronization

/// The ledger in this process: the program, the in-memory state and the durable SQLite log of
/// one ledger file, behind ``LedgerAPI``.
///
/// `submit` runs the program and appends the log entry inside one SQLite write transaction
/// (`BEGIN IMMEDIATE`), so the state the program sees is the file's latest state even when
/// other processes (the CLI in embedded mode while a server runs) append to the same file: before
/// running the program the service catches up with their entries by applying their recorded
/// changes.
///
/// Submits are serialised by the actor; each holds it only for synchronous SQLite work (no
/// suspension inside a submit), so the program, the append and the publication to followers of
/// one transaction can never interleave with another's. While another process holds the file's
/// write lock, a submit waits for it (up to ``LedgerStore/busyTimeout``) on its thread.
///
/// Reads — ``entity(_:)``, ``entities(of:matching:)``, ``head()``, ``headSequence()`` and the
/// followers' history pages — never touch the actor: each runs in a WAL snapshot of the file on
/// a reader connection (``LedgerStore/snapshot(_:)``), so it neither waits for a submit nor
/// delays one, and it sees every transaction committed before it started, whichever process
/// wrote it. Filters run in SQL on the stored value JSON, at most ``concurrentScans`` at once;
/// the state hash is computed from the stored values once per log head.
///
/// Followers hear of this service's own submits at once. Entries other processes append reach
/// them through the file watch: while a follower is live, the service checks the file's head
/// every ``fileWatchInterval`` (one indexed read) and catches up when it moved.
public actor LedgerService: LedgerAPI {
    /// How often a service with live followers looks for entries other processes appended.
    public static let defaultFileWatchInterval = Duration.milliseconds(50)
    /// Log entries read per page (catch-up and follower history).
    static let pageSize = 256

    /// The ledger file.
    public nonisolated let path: String
    /// The durable log.
    nonisolated let store: LedgerStore
    /// How far a live follower may fall behind before it is cut off.
    public nonisolated let followerBacklog: FollowerBacklogLimit
    /// The state hash of the last head ``head()`` computed it for.
    private nonisolated let stateHashCache = StateHashCache()
    /// How many entity scans (``entities(of:matching:)``) may read at once: half the cores,
    /// at least one, so scans never take every core from submits and the network.
    public static let concurrentScans = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    /// The slots entity scans read in.
    private nonisolated let scanSlots = ScanSlots(LedgerService.concurrentScans)
    /// How often the file is checked for other processes' entries while a follower is live.
    public nonisolated let fileWatchInterval: Duration
    /// The file watch, running while a follower is live.
    private var fileWatch: Task<Void, Never>?

    /// The fold of the log up to `position`.
    private var state: LedgerState
    /// The last log entry reflected in `state`.
    private(set) var position: LogPosition
    /// Set when a failed append could not be undone in memory: reload from the file first.
    private var stateNeedsReload = false
    /// Set by ``close()``.
    private(set) var isClosed = false
    /// Entries applied to `state` but not yet handed to the followers, in log order.
    private var unpublished: [LogEntry] = []
    /// Live followers, by id.
    var followers: [UUID: FollowerRecord] = [:]
    /// The clock transactions' validity windows are checked against (seconds since 1970).
    nonisolated let clock: @Sendable () -> UInt64
    /// The ledger's identity (its genesis hash), computed once.
    nonisolated let ledgerID: LedgerID
    /// Pairs the program refused, so they cannot be applied later.
    private var refusals = RefusedTransactions()
    /// When the refusal memory was last swept of expired pairs.
    private var refusalsSweptAt: UInt64 = 0
    /// Followers still reading history (off the actor), by id: their buffers, to end on close.
    nonisolated let historyReaders = Mutex<[UUID: FollowerBuffer]>([:])

    /// Opens the ledger file at `path` (or creates it, with its parent directories, when
    /// `genesis` is given), migrates its schema and loads the state from its `entities` table.
    ///
    /// - Parameters:
    ///   - path: the SQLite file.
    ///   - genesis: creates the ledger with this genesis if the file has none; an existing file
    ///     must hold the same one. Without it the file must exist.
    ///   - durability: see ``LedgerDurability``; `.normal` survives process crashes.
    ///   - followerBacklog: how many entries, and bytes, a live follower may have waiting before
    ///     it is cut off with ``LedgerFollowError/fellBehind(resumeFrom:limit:)``.
    ///   - fileWatchInterval: how often, while a follower is live, the file is checked for
    ///     entries other processes appended.
    ///   - clock: seconds since 1970 (UTC), for transactions' `not_after` (tests move it).
    /// - Throws: ``LedgerStoreError`` naming the file (`fileNotFound` or `noGenesis` for a
    ///   ledger that was never created, `genesisMismatch` for another ledger's file).
    public init(
        path: String, creating genesis: LedgerGenesis? = nil, durability: LedgerDurability = .normal,
        followerBacklog: FollowerBacklogLimit = .default,
        fileWatchInterval: Duration = LedgerService.defaultFileWatchInterval,
        clock: @escaping @Sendable () -> UInt64 = TransactionValidity.now
    ) throws(LedgerStoreError) {
        precondition(fileWatchInterval > .zero, "the file watch needs a positive interval")
        self.fileWatchInterval = fileWatchInterval
        let store = try LedgerStore(path: path, durability: durability, creating: genesis)
        let loaded = try store.loadState()
        self.path = path
        self.store = store
        self.followerBacklog = followerBacklog
        self.clock = clock
        self.ledgerID = store.genesis.id
        self.state = loaded.state
        self.position = loaded.head
    }

    deinit {
        fileWatch?.cancel()
        for follower in followers.values { follower.buffer.finish() }
        for buffer in historyReaders.withLock({ Array($0.values) }) { buffer.finish() }
    }

    // MARK: - LedgerAPI

    /// Checks the transaction is for this ledger, within its validity window and not refused
    /// before; then checks for a replay, runs the program and appends the entry, all inside one
    /// SQLite write transaction; then hands the entry to the followers.
    ///
    /// The signature was verified when the ``SignedTransaction`` was made.
    ///
    /// - Throws: ``LedgerError/rejected(_:)`` with `WrongLedger`, `TransactionExpired`,
    ///   `NonceRefusedBefore`, `ReplayedTransaction` when the signer already used the nonce, or
    ///   the program's error (the pair is then remembered as refused); the file and the state
    ///   are then unchanged. ``LedgerError/storage(_:)`` when the file could not be written (the
    ///   state is restored).
    public func submit(_ transaction: SignedTransaction) throws(LedgerError) -> SubmitReceipt {
        try prepareForAccess()
        defer { publishPending() }
        let message = transaction.message
        let now = clock()
        do throws(ProgramError) {
            try TransactionAdmission(ledger: ledgerID, now: now).check(message)
        } catch {
            throw .rejected(error)
        }
        sweepRefusals(now: now)
        guard !refusals.contains(message) else {
            throw .rejected(
                ProgramError(
                    .nonceRefusedBefore,
                    "signer \(message.signer)'s transaction with nonce \(message.nonce) was refused before; sign a new one",
                    field: "nonce"))
        }
        var attempted: LogEntry?
        let outcome: Result<LogEntry, ProgramError>
        do {
            outcome = try store.write {
                (writer) throws(LedgerStoreError) -> LedgerStoreWriteOutcome<Result<LogEntry, ProgramError>> in
                try catchUp(with: writer.reader)
                if let earlier = try writer.reader.sequence(ofTransactionBy: message.signer, nonce: message.nonce) {
                    let replay = ProgramError(
                        .replayedTransaction,
                        "signer \(message.signer) already used nonce \(message.nonce) (log entry \(earlier))",
                        field: "nonce")
                    return .rollback(.failure(replay))
                }
                let changes: [StateChange]
                do throws(ProgramError) {
                    changes = try state.apply(message)
                } catch {
                    return .rollback(.failure(error))
                }
                let entry = LogEntry(
                    sequence: position.sequence + 1, previousHash: position.hash, transaction: transaction,
                    changes: changes)
                attempted = entry
                try writer.append(entry)
                return .commit(.success(entry))
            }
        } catch {
            if let attempted { undo(attempted.changes) }
            throw .storage("\(error)")
        }
        switch outcome {
        case .failure(let error):
            if error.code != .replayedTransaction { refusals.remember(message, now: now) }
            throw .rejected(error)
        case .success(let entry):
            position = LogPosition(of: entry)
            unpublished.append(entry)
            return SubmitReceipt(
                sequence: entry.sequence, hash: entry.hash, transactionId: transaction.id, changes: entry.changes)
        }
    }

    /// The ledger's genesis: its identity and founder.
    public nonisolated func genesis() -> LedgerGenesis { store.genesis }

    /// The entity at `ref`, or nil, read from a snapshot of the file (not on the actor).
    public nonisolated func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? {
        try await snapshot { reader throws(LedgerStoreError) in try reader.entity(ref) }
    }

    /// The entities of `kind` that match `filter`, ordered by key, read from a snapshot of the
    /// file (not on the actor); the filter runs in SQL on the stored value JSON. At most
    /// ``concurrentScans`` scans read at once; others wait for a slot.
    public nonisolated func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError)
        -> [Entity]
    {
        try await scanSlots.withSlot { () async throws(LedgerError) -> [Entity] in
            try await snapshot { reader throws(LedgerStoreError) in try reader.entities(of: kind, matching: filter) }
        }
    }

    /// The log's last sequence number, read from a snapshot of the file (not on the actor).
    public nonisolated func headSequence() async throws(LedgerError) -> UInt64 {
        try await snapshot { reader throws(LedgerStoreError) in try reader.head().sequence }
    }

    /// The log's head and the state hash, from one snapshot of the file (not on the actor).
    /// The state hash is computed from the stored entity values the first time a head is seen.
    public nonisolated func head() async throws(LedgerError) -> LedgerHead {
        let cache = stateHashCache
        return try await snapshot { reader throws(LedgerStoreError) in
            let head = try reader.head()
            if let stateHash = cache.stateHash(at: head) {
                return LedgerHead(sequence: head.sequence, hash: head.hash, stateHash: stateHash)
            }
            let stateHash = try reader.stateHash()
            cache.remember(stateHash, at: head)
            return LedgerHead(sequence: head.sequence, hash: head.hash, stateHash: stateHash)
        }
    }

    /// Runs `body` in a snapshot of the file on a reader connection.
    private nonisolated func snapshot<T: Sendable>(
        _ body: @Sendable (LedgerStoreReader) throws(LedgerStoreError) -> T
    ) async throws(LedgerError) -> T {
        do {
            return try await store.snapshot(body)
        } catch {
            throw .storage("\(error)")
        }
    }

    // MARK: - Beyond LedgerAPI

    /// The whole current state (a copy; cheap until either side changes).
    public func currentState() throws(LedgerError) -> LedgerState {
        try refresh()
        return state
    }

    /// Applies the entries other processes appended to the file since this service last looked,
    /// and hands them to the followers. Every submit does this first, and so does the file watch
    /// while a follower is live; call it to wake followers at once when only other processes write.
    public func refresh() throws(LedgerError) {
        try prepareForAccess()
        defer { publishPending() }
        do {
            try store.read { (reader) throws(LedgerStoreError) in try catchUp(with: reader) }
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Whether the file watch runs (it does while a follower is live).
    public var isWatchingFile: Bool { fileWatch != nil }

    /// Starts the file watch unless it runs: every ``fileWatchInterval`` it catches up with the
    /// file (handing other processes' entries to the followers), until no follower is live.
    func watchFileForOtherWriters() {
        guard fileWatch == nil, !isClosed else { return }
        let interval = fileWatchInterval
        let store = self.store
        fileWatch = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // The head is read in a snapshot, off the actor: it waits for no reader
                // connection there, and the actor catches up only when the file moved.
                let fileHead = try? await store.snapshot { reader throws(LedgerStoreError) in try reader.head() }
                guard let self, await self.checkFileForOtherWriters(fileHead: fileHead) else { return }
            }
        }
    }

    /// One look of the file watch, given the file's head (nil when it could not be read); false
    /// (and the watch ends) once no follower is live, or when catching up failed: the live
    /// followers then end with ``LedgerFollowError/catchUpFailed(_:)``, as they would on a failed
    /// read of history, so the failure is seen rather than retried in silence.
    private func checkFileForOtherWriters(fileHead: LogPosition?) -> Bool {
        guard !isClosed, !followers.isEmpty else {
            fileWatch = nil
            return false
        }
        if fileHead == position { return true }
        do {
            try refresh()
            return true
        } catch {
            for (id, record) in followers {
                record.buffer.finish(throwing: LedgerFollowError.catchUpFailed(error))
                followers[id] = nil
            }
            fileWatch = nil
            return false
        }
    }

    /// Ends every follower's stream, closes the file, and makes later calls fail.
    public func close() async {
        guard !isClosed else { return }
        isClosed = true
        fileWatch?.cancel()
        fileWatch = nil
        for follower in followers.values { follower.buffer.finish() }
        followers = [:]
        for buffer in historyReaders.withLock({ Array($0.values) }) { buffer.finish() }
        // Closing waits for every reader to finish. It runs on a thread of its own: on Swift
        // concurrency's pool (2 threads on a 2-core machine) two ledgers closing at once could
        // hold every thread while the readers they wait for need one.
        let store = self.store
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                try? store.close()
                done.resume()
            }
        }
    }

    // MARK: - State upkeep

    /// Forgets refusals of expired transactions, at most once a second.
    private func sweepRefusals(now: UInt64) {
        guard now != refusalsSweptAt else { return }
        refusalsSweptAt = now
        refusals.forget(expiredBefore: now)
    }

    /// Fails once closed; reloads the state if a failed append left it unknown.
    private func prepareForAccess() throws(LedgerError) {
        guard !isClosed else { throw .storage(LedgerStoreError.closed(path: path).description) }
        guard stateNeedsReload else { return }
        do {
            let reloaded = try store.read {
                (reader) throws(LedgerStoreError) -> (state: LedgerState, head: LogPosition, missed: [LogEntry]) in
                let (state, head) = try reader.state()
                var missed: [LogEntry] = []
                var next = position.sequence + 1
                while next <= head.sequence {
                    let page = try reader.entries(from: next, limit: Self.pageSize)
                    guard let last = page.last else { break }
                    missed += page
                    next = last.sequence + 1
                }
                return (state, head, missed)
            }
            state = reloaded.state
            state.genesis = store.genesis
            position = reloaded.head
            unpublished += reloaded.missed
            stateNeedsReload = false
        } catch {
            throw .storage("reloading the state after a failed append: \(error)")
        }
    }

    /// Applies the recorded changes of the entries after `position` that the file holds (appended
    /// by another process), entry by entry, so `state` and `position` always agree.
    ///
    /// - Throws: ``LedgerStoreError/logDiverged(path:reason:)`` when the file's log does not
    ///   continue the one this service has seen.
    private func catchUp(with reader: LedgerStoreReader) throws(LedgerStoreError) {
        let stored = try reader.head()
        if stored.sequence == position.sequence {
            guard stored.hash == position.hash else {
                throw .logDiverged(
                    path: path, reason: "entry \(stored.sequence) is now \(stored.hash), not \(position.hash)")
            }
            return
        }
        guard stored.sequence > position.sequence else {
            throw .logDiverged(path: path, reason: "the log ends at \(stored) but this service has seen \(position)")
        }
        while position.sequence < stored.sequence {
            let page = try reader.entries(from: position.sequence + 1, limit: Self.pageSize)
            guard !page.isEmpty else {
                throw .logDiverged(path: path, reason: "the entries after \(position) up to \(stored) are missing")
            }
            for entry in page {
                guard entry.sequence == position.sequence + 1, entry.previousHash == position.hash else {
                    throw .logDiverged(
                        path: path,
                        reason: "entry \(entry.sequence) (previous \(entry.previousHash)) does not continue \(position)"
                    )
                }
                for change in entry.changes { state.apply(change) }
                position = LogPosition(of: entry)
                unpublished.append(entry)
            }
        }
    }

    /// Puts back the values `changes` overwrote, after their append was rolled back: the file's
    /// `entities` table still holds them (O(changes) reads). If even that fails, the whole state
    /// is reloaded before the next call.
    private func undo(_ changes: [StateChange]) {
        do {
            let priors = try store.read { (reader) throws(LedgerStoreError) -> [Entity?] in
                try changes.map { (change) throws(LedgerStoreError) -> Entity? in try reader.entity(change.ref) }
            }
            for (change, prior) in zip(changes, priors) {
                if let prior { state.put(prior) } else { state.remove(change.ref) }
            }
        } catch {
            stateNeedsReload = true
        }
    }

    /// Hands the entries applied since the last call to the live followers.
    private func publishPending() {
        guard !unpublished.isEmpty else { return }
        let entries = unpublished
        unpublished = []
        publish(entries)
    }
}
