import Ledger
import Models

/// Reads every entity the controller needs from a ledger into a ``Ledger/LedgerState``.
public enum LedgerStateLoader {
    /// The kinds of entity a device config depends on.
    public static let kinds: [EntityKind] = [.globalConfig, .exchange, .device, .link, .user, .multicastGroup]

    /// The state at a head: reads the head, then every entity, and repeats (up to 5 times) if the
    /// head moved meanwhile, so the returned sequence is the one the state reflects (after the
    /// last try, a moving head only means some changes are applied twice when following).
    public static func load(from ledger: any LedgerAPI) async throws(ControllerError) -> (
        state: LedgerState, sequence: UInt64
    ) {
        do throws(LedgerError) {
            let (entities, sequence) = try await ledger.consistentEntities(of: kinds)
            var state = LedgerState()
            for entity in entities { state.put(entity) }
            return (state, sequence)
        } catch {
            throw .ledger(error)
        }
    }
}
