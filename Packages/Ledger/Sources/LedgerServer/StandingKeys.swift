import Ledger
import Logging
import Models
import Synchronization

/// The keys with standing on the ledger — the genesis foundation and every key a live entity
/// gives authority to (the foundation allowlist, the activator, owners, access-pass holders,
/// allowlists) — kept current by following the ledger, so the authentication limiter can tell
/// them apart without touching the store on a request.
public final class StandingKeys: Sendable {
    private struct State {
        var foundation: PublicKey?
        var grants: [EntityRef: [PublicKey]] = [:]
        var counts: [PublicKey: Int] = [:]
        var sequence: UInt64 = 0
        var loaded = false
    }

    private let state = Mutex(State())

    /// Nothing known yet (every key is without standing until ``follow(_:logger:)`` loads).
    public init() {}

    /// Whether `key` has standing.
    public func contains(_ key: PublicKey) -> Bool {
        state.withLock { $0.foundation == key || ($0.counts[key] ?? 0) > 0 }
    }

    /// Whether the index has loaded the ledger once.
    public var isLoaded: Bool { state.withLock(\.loaded) }

    /// How many keys have standing.
    public var count: Int { state.withLock { $0.counts.count + ($0.foundation == nil ? 0 : 1) } }

    /// Loads `ledger`'s genesis and entities; returns the sequence they reflect.
    public func load(from ledger: any LedgerAPI) async throws(LedgerError) -> UInt64 {
        let genesis = try await ledger.genesis()
        let (entities, sequence) = try await ledger.consistentEntities(of: EntityKind.allCases)
        load(foundation: genesis.foundation, entities: entities, sequence: sequence)
        return sequence
    }

    /// Follows `ledger`'s log from `loaded` (a sequence ``load(from:)`` returned; nil: load first)
    /// until cancelled; a failure is logged and retried from a fresh load after a back-off.
    public func follow(_ ledger: any LedgerAPI, loaded: UInt64? = nil, logger: Logger) async {
        var backoff = ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(5))
        var loaded = loaded
        while !Task.isCancelled {
            do {
                let sequence: UInt64
                if let known = loaded {
                    sequence = known
                    loaded = nil
                } else {
                    sequence = try await load(from: ledger)
                }
                backoff.reset()
                for try await entry in ledger.follow(from: sequence + 1) {
                    apply(entry)
                }
                throw StandingKeysError.streamEnded
            } catch {
                if Task.isCancelled { return }
                let delay = backoff.nextDelay()
                logger.warning(
                    "standing keys: following the ledger failed; retrying",
                    metadata: ["error": "\(error)", "ledger.follow.retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Starts over from `entities`, as of `sequence`.
    func load(foundation: PublicKey, entities: [Entity], sequence: UInt64) {
        state.withLock { state in
            state = State(foundation: foundation, sequence: sequence, loaded: true)
            for entity in entities { Self.put(entity, into: &state) }
        }
    }

    /// Applies one log entry's changes.
    func apply(_ entry: LogEntry) {
        state.withLock { state in
            guard entry.sequence > state.sequence else { return }
            state.sequence = entry.sequence
            for change in entry.changes {
                Self.remove(change.ref, from: &state)
                if let entity = change.entity { Self.put(entity, into: &state) }
            }
        }
    }

    private static func put(_ entity: Entity, into state: inout State) {
        let keys = entity.authorityKeys.map(\.key)
        guard !keys.isEmpty else { return }
        state.grants[entity.ref] = keys
        for key in keys { state.counts[key, default: 0] += 1 }
    }

    private static func remove(_ ref: EntityRef, from state: inout State) {
        guard let keys = state.grants.removeValue(forKey: ref) else { return }
        for key in keys {
            let left = (state.counts[key] ?? 1) - 1
            state.counts[key] = left > 0 ? left : nil
        }
    }
}

/// Why ``StandingKeys`` starts over.
enum StandingKeysError: Error, CustomStringConvertible {
    /// The ledger ended the log stream.
    case streamEnded

    var description: String { "the ledger ended the log stream" }
}
