import Crypto
import Foundation
import Models

/// Every entity the ledger holds: the fold of the log.
///
/// Held in memory by the ledger (a network is thousands of entities, not millions) and mirrored
/// in SQLite tables that are an index over the log.
public struct LedgerState: Hashable, Sendable {
    /// The ledger's genesis (who alone may initialise it); nil for a bare state that only folds
    /// recorded changes (a follower's copy), on which `init_global_state` is refused.
    public var genesis: LedgerGenesis?
    /// The global state, once initialised.
    public var globalState: GlobalState?
    /// The global config, once set.
    public var globalConfig: GlobalConfig?
    /// Locations by key.
    public var locations: [PublicKey: Location] = [:]
    /// Exchanges by key.
    public var exchanges: [PublicKey: Exchange] = [:]
    /// Contributors by key.
    public var contributors: [PublicKey: Contributor] = [:]
    /// Devices by key.
    public var devices: [PublicKey: Device] = [:]
    /// Links by key.
    public var links: [PublicKey: Link] = [:]
    /// Users by key.
    public var users: [PublicKey: User] = [:]
    /// Multicast groups by key.
    public var multicastGroups: [PublicKey: MulticastGroup] = [:]
    /// Access passes by key.
    public var accessPasses: [PublicKey: AccessPass] = [:]

    /// An empty ledger, founded by `genesis` when given.
    public init(genesis: LedgerGenesis? = nil) {
        self.genesis = genesis
    }

    /// The entity at `ref`, if any.
    public func entity(_ ref: EntityRef) -> Entity? {
        let key = ref.pubkey
        switch ref.kind {
        case .globalState: return key == Entity.globalStateKey ? globalState.map(Entity.globalState) : nil
        case .globalConfig: return key == Entity.globalConfigKey ? globalConfig.map(Entity.globalConfig) : nil
        case .location: return locations[key].map(Entity.location)
        case .exchange: return exchanges[key].map(Entity.exchange)
        case .contributor: return contributors[key].map(Entity.contributor)
        case .device: return devices[key].map(Entity.device)
        case .link: return links[key].map(Entity.link)
        case .user: return users[key].map(Entity.user)
        case .multicastGroup: return multicastGroups[key].map(Entity.multicastGroup)
        case .accessPass: return accessPasses[key].map(Entity.accessPass)
        }
    }

    /// Stores `entity`, replacing whatever was at its key.
    public mutating func put(_ entity: Entity) {
        switch entity {
        case .globalState(let value): globalState = value
        case .globalConfig(let value): globalConfig = value
        case .location(let value): locations[value.pubkey] = value
        case .exchange(let value): exchanges[value.pubkey] = value
        case .contributor(let value): contributors[value.pubkey] = value
        case .device(let value): devices[value.pubkey] = value
        case .link(let value): links[value.pubkey] = value
        case .user(let value): users[value.pubkey] = value
        case .multicastGroup(let value): multicastGroups[value.pubkey] = value
        case .accessPass(let value): accessPasses[value.pubkey] = value
        }
    }

    /// Removes the entity at `ref`, if any.
    public mutating func remove(_ ref: EntityRef) {
        let key = ref.pubkey
        switch ref.kind {
        case .globalState: globalState = nil
        case .globalConfig: globalConfig = nil
        case .location: locations[key] = nil
        case .exchange: exchanges[key] = nil
        case .contributor: contributors[key] = nil
        case .device: devices[key] = nil
        case .link: links[key] = nil
        case .user: users[key] = nil
        case .multicastGroup: multicastGroups[key] = nil
        case .accessPass: accessPasses[key] = nil
        }
    }

    /// Applies a recorded change (what followers and recovery do instead of re-running the program).
    public mutating func apply(_ change: StateChange) {
        if let entity = change.entity { put(entity) } else { remove(change.ref) }
    }

    /// A state holding `entities` (a follower's snapshot).
    public init(entities: some Sequence<Entity>) {
        self.init()
        for entity in entities { put(entity) }
    }

    /// Applies the changes `entries` made to entities of `kinds`, in order (a follower's batch);
    /// returns the kinds it changed (empty: none of the follower's kinds).
    @discardableResult
    public mutating func apply(_ entries: [LogEntry], kinds: Set<EntityKind>) -> Set<EntityKind> {
        var changed: Set<EntityKind> = []
        for entry in entries {
            for change in entry.changes where kinds.contains(change.ref.kind) {
                apply(change)
                changed.insert(change.ref.kind)
            }
        }
        return changed
    }

    /// All entities of `kind`, ordered by key.
    public func entities(of kind: EntityKind) -> [Entity] {
        switch kind {
        case .globalState: return globalState.map { [.globalState($0)] } ?? []
        case .globalConfig: return globalConfig.map { [.globalConfig($0)] } ?? []
        case .location: return locations.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.location)
        case .exchange: return exchanges.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.exchange)
        case .contributor: return contributors.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.contributor)
        case .device: return devices.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.device)
        case .link: return links.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.link)
        case .user: return users.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.user)
        case .multicastGroup: return multicastGroups.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.multicastGroup)
        case .accessPass: return accessPasses.values.sorted { $0.pubkey < $1.pubkey }.map(Entity.accessPass)
        }
    }

    /// Every entity, ordered by kind then key.
    public var allEntities: [Entity] { EntityKind.allCases.flatMap(entities(of:)) }

    /// SHA-256 (hex) over every entity's canonical JSON in order: equal states have equal hashes
    /// (the genesis is not an entity and is not hashed).
    public var stateHash: String {
        var hasher = SHA256()
        let encoder = CanonicalJSON.makeEncoder()
        for entity in allEntities {
            // Encoding our own Codable values cannot fail.
            hasher.update(data: try! encoder.encode(entity))
            hasher.update(data: [0x0A])
        }
        return Hex.encode(hasher.finalize())
    }
}
