import Ledger
import Models

/// Reads every entity the controller needs from a ledger into a ``Ledger/LedgerState``.
enum LedgerStateLoader {
    /// The kinds of entity a device config depends on.
    static let kinds: [EntityKind] = [.globalConfig, .exchange, .device, .link, .user, .multicastGroup]

    /// The state at a head: reads the head, then every entity, and repeats (up to 5 times) if the
    /// head moved meanwhile, so the returned sequence is the one the state reflects (after the
    /// last try, a moving head only means some changes are applied twice when following).
    static func load(from ledger: any LedgerAPI) async throws(ControllerError) -> (state: LedgerState, sequence: UInt64)
    {
        var attempt = 0
        while true {
            attempt += 1
            do throws(LedgerError) {
                let before = try await ledger.head()
                var state = LedgerState()
                for kind in kinds {
                    for entity in try await ledger.entities(of: kind, matching: .all) { state.put(entity) }
                }
                let after = try await ledger.head()
                if after.sequence == before.sequence || attempt >= 5 { return (state, before.sequence) }
            } catch {
                throw .ledger(error)
            }
        }
    }
}
