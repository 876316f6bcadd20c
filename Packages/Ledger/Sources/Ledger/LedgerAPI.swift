import Models

/// What every ledger offers, whether it is a file opened in this process or a server reached
/// over HTTP: submit signed transactions, read entities, and follow the log.
public protocol LedgerAPI: Sendable {
    /// Applies a signed transaction; returns its receipt once it is durably in the log.
    ///
    /// - Throws: ``LedgerError/rejected(_:)`` when the program refuses it (nothing changed),
    ///   or another ``LedgerError`` when the ledger could not be reached or written.
    func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt

    /// The ledger's genesis; its ``LedgerGenesis/id`` is what every transaction must name.
    func genesis() async throws(LedgerError) -> LedgerGenesis

    /// The entity at `ref`, or nil.
    func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity?

    /// The entities of `kind` that match `filter`, ordered by key.
    func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity]

    /// The log's head: last sequence, its hash and the state hash.
    func head() async throws(LedgerError) -> LedgerHead

    /// The log's last sequence number. The default asks ``head()``; a ledger that can tell it
    /// without computing the state hash (``LedgerService``) answers more cheaply, also when
    /// called through `any LedgerAPI` (the log stream's heartbeats, `follow=false`, metrics).
    func headSequence() async throws(LedgerError) -> UInt64

    /// Log entries from `sequence` (inclusive) on: first the stored ones, then new ones as they
    /// are accepted. The stream ends only when the caller stops or the ledger goes away.
    func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error>
}

extension LedgerAPI {
    /// Signs `instructions` for this ledger with `keypair` (a fresh nonce, the default validity
    /// window) and submits them.
    public func submit(_ instructions: [Instruction], signedBy keypair: Keypair) async throws(LedgerError)
        -> SubmitReceipt
    {
        let ledger = try await genesis().id
        return try await submit(SignedTransaction(instructions, signedBy: keypair, for: ledger))
    }
}

/// The result of an accepted transaction.
public struct SubmitReceipt: Hashable, Sendable, Codable {
    /// The log position it took.
    public var sequence: UInt64
    /// The log entry's hash (hex).
    public var hash: String
    /// The transaction id (SHA-256 of the signature, hex).
    public var transactionId: String
    /// What it changed.
    public var changes: [StateChange]

    /// Creates a receipt.
    public init(sequence: UInt64, hash: String, transactionId: String, changes: [StateChange]) {
        self.sequence = sequence
        self.hash = hash
        self.transactionId = transactionId
        self.changes = changes
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, hash
        case transactionId = "transaction_id"
        case changes
    }
}

/// The end of the log.
public struct LedgerHead: Hashable, Sendable, Codable {
    /// The last sequence (0 for an empty log).
    public var sequence: UInt64
    /// The last entry's hash (``LogEntry/genesisHash`` for an empty log).
    public var hash: String
    /// ``LedgerState/stateHash`` of the current state.
    public var stateHash: String

    /// Creates a head.
    public init(sequence: UInt64, hash: String, stateHash: String) {
        self.sequence = sequence
        self.hash = hash
        self.stateHash = stateHash
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, hash
        case stateHash = "state_hash"
    }
}

/// Why a ledger call failed.
public enum LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The program refused the transaction (or the request was malformed); nothing changed.
    case rejected(ProgramError)
    /// The store could not be read or written (disk, SQLite, corruption), with what happened.
    case storage(String)
    /// The server could not be reached or answered something unexpected.
    case transport(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .rejected(let error): "rejected: \(error)"
        case .storage(let message): "ledger storage failed: \(message)"
        case .transport(let message): "ledger unreachable: \(message)"
        }
    }
}
