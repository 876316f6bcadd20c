import Foundation
import Ledger
import Models

/// A ledger in memory for server and client tests: the real program (`LedgerState.apply`), a
/// `[LogEntry]` log with the real hash chain, replay protection, and live followers.
///
/// ``failNextSubmit(with:)`` makes the next submit fail with a storage error, to check the 500 path.
public actor InMemoryLedger: LedgerAPI {
    private let founding: LedgerGenesis
    private var state: LedgerState
    private var log: [LogEntry] = []
    private var usedNonces: Set<Nonce> = []
    private var followers: [UUID: AsyncThrowingStream<LogEntry, any Error>.Continuation] = [:]
    private var pendingStorageFailure: String?

    /// An empty ledger founded with `genesis`.
    public init(genesis: LedgerGenesis) {
        founding = genesis
        state = LedgerState(genesis: genesis)
    }

    /// The ledger's genesis.
    public nonisolated func genesis() -> LedgerGenesis { founding }

    private struct Nonce: Hashable {
        let signer: PublicKey
        let nonce: UInt64
    }

    /// Submits through the program, as the ledger does.
    public func submit(_ transaction: SignedTransaction) throws(LedgerError) -> SubmitReceipt {
        if let failure = pendingStorageFailure {
            pendingStorageFailure = nil
            throw .storage(failure)
        }
        do throws(ProgramError) {
            try TransactionAdmission(ledger: founding.id, now: TransactionValidity.now()).check(transaction.message)
        } catch {
            throw .rejected(error)
        }
        let nonce = Nonce(signer: transaction.message.signer, nonce: transaction.message.nonce)
        guard !usedNonces.contains(nonce) else {
            throw .rejected(
                ProgramError(
                    .replayedTransaction, "signer \(nonce.signer) already used nonce \(nonce.nonce)", field: "nonce"))
        }
        let changes: [StateChange]
        do {
            changes = try state.apply(transaction.message)
        } catch {
            throw .rejected(error)
        }
        usedNonces.insert(nonce)
        let entry = LogEntry(
            sequence: UInt64(log.count + 1), previousHash: log.last?.hash ?? LogEntry.genesisHash,
            transaction: transaction, changes: changes)
        log.append(entry)
        for continuation in followers.values { continuation.yield(entry) }
        return SubmitReceipt(
            sequence: entry.sequence, hash: entry.hash, transactionId: transaction.id, changes: changes)
    }

    /// The entity at `ref`, or nil.
    public func entity(_ ref: EntityRef) -> Entity? {
        state.entity(ref)
    }

    /// The entities of `kind` matching `filter`, by key.
    public func entities(of kind: EntityKind, matching filter: EntityFilter) -> [Entity] {
        state.entities(of: kind).filter(filter.matches)
    }

    /// The log head and state hash.
    public func head() -> LedgerHead {
        LedgerHead(
            sequence: UInt64(log.count), hash: log.last?.hash ?? LogEntry.genesisHash, stateHash: state.stateHash)
    }

    /// The log from `sequence` on, stored entries then live ones.
    public nonisolated func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: LogEntry.self, throwing: (any Error).self)
        let id = UUID()
        continuation.onTermination = { _ in Task { await self.removeFollower(id) } }
        Task { await self.addFollower(id, continuation, from: max(sequence, 1)) }
        return stream
    }

    /// The next submit throws ``Ledger/LedgerError/storage(_:)`` with `message`.
    public func failNextSubmit(with message: String) {
        pendingStorageFailure = message
    }

    /// How many followers are attached.
    public var followerCount: Int { followers.count }

    private func addFollower(
        _ id: UUID, _ continuation: AsyncThrowingStream<LogEntry, any Error>.Continuation, from sequence: UInt64
    ) {
        for entry in log where entry.sequence >= sequence { continuation.yield(entry) }
        followers[id] = continuation
    }

    private func removeFollower(_ id: UUID) {
        followers[id] = nil
    }
}
