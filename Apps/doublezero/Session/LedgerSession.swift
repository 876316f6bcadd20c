import CommandLineSupport
import Ledger
import Models

/// What a ledger verb works with: the ledger and the key file, from `--ledger` and `--keypair` or, when
/// those are not given, the environment and the config file (see ``CLISettings``).
///
/// Every call maps the ledger's errors to a one-line ``CommandFailure`` (see
/// ``LedgerError/commandFailure``), so verbs just `try await` and the person sees e.g.
/// `Error: NotAllowed (8): ...` and exit code 1.
struct LedgerSession: Sendable {
    /// The open ledger.
    let ledger: any LedgerAPI

    /// The key file's path, `~` expanded; read only when a verb signs or says `me`.
    let keypairPath: String

    /// Opens the ledger `ledger` resolves to; signing uses the key file `keypair` resolves to.
    ///
    /// - Throws: ``CLIConfigError`` when the settings cannot be read or resolved, ``CommandFailure``
    ///   when the ledger cannot be opened.
    init(ledger: CLILedgerOption, keypair: CLIKeypairOption) throws {
        let settings = try CLISettings.load()
        self.ledger = try Self.open(ledger.resolved(in: settings).value)
        self.keypairPath = try keypair.resolved(in: settings).value
    }

    /// The signing key, loaded (and checked: a corrupt file is refused) from the key file.
    func keypair() throws -> Keypair {
        try Keypair.load(path: keypairPath)
    }

    /// Signs `instructions` into one transaction for this ledger with the key file, a fresh random
    /// nonce and the default validity window, and submits it.
    func submit(_ instructions: [Instruction]) async throws -> SubmitReceipt {
        let keypair = try keypair()
        do {
            return try await ledger.submit(instructions, signedBy: keypair)
        } catch {
            throw error.commandFailure
        }
    }

    /// The entity at `ref`, or nil.
    func entity(_ ref: EntityRef) async throws -> Entity? {
        do {
            return try await ledger.entity(ref)
        } catch {
            throw error.commandFailure
        }
    }

    /// The entities of `kind` matching `filter`, ordered by key.
    func entities(of kind: EntityKind, matching filter: EntityFilter = .all) async throws -> [Entity] {
        do {
            return try await ledger.entities(of: kind, matching: filter)
        } catch {
            throw error.commandFailure
        }
    }

    /// The records of one kind matching `filter`, ordered by key.
    func records<Record: LedgerRecord>(_ type: Record.Type, matching filter: EntityFilter = .all) async throws
        -> [Record]
    {
        try await entities(of: Record.kind, matching: filter).compactMap(Record.init(entity:))
    }

    /// The record of one kind at `key`, or nil.
    func record<Record: LedgerRecord>(_ type: Record.Type, at key: PublicKey) async throws -> Record? {
        try await entity(EntityRef(kind: Record.kind, pubkey: key)).flatMap(Record.init(entity:))
    }
}
