import Ledger
import Models

/// The accounts a table refers to besides its own rows (the devices, exchanges, groups… whose codes
/// and names its cells show), fetched once per command.
struct ReferencedAccounts: Sendable {
    /// Every fetched entity, by key.
    private let entities: [PublicKey: Entity]

    /// The ledger's current epoch (0 when the ledger is not initialised).
    let epoch: UInt64

    /// Fetches every entity of `kinds`, and the epoch.
    init(kinds: [EntityKind], from session: LedgerSession) async throws {
        var entities: [PublicKey: Entity] = [:]
        for kind in Set(kinds) {
            for entity in try await session.entities(of: kind) { entities[entity.pubkey] = entity }
        }
        self.entities = entities
        self.epoch = try await session.globalState()?.epoch ?? 0
    }

    /// The record of one kind at `key`, if it was fetched.
    func record<Record: LedgerRecord>(_ type: Record.Type, at key: PublicKey) -> Record? {
        entities[key].flatMap(Record.init(entity:))
    }

    /// Every fetched record of one kind, ordered by key.
    func records<Record: LedgerRecord>(_ type: Record.Type) -> [Record] {
        entities.values.compactMap(Record.init(entity:)).sorted { $0.pubkey < $1.pubkey }
    }

    /// The code of the account at `key`, or the key in base58 when it has no code or was not fetched.
    func code(of key: PublicKey) -> String {
        entities[key]?.code ?? key.base58
    }

    /// The code of the account at `key`, or the empty string for no key.
    func code(of key: PublicKey?) -> String {
        key.map { code(of: $0) } ?? ""
    }
}
