import Allocator
import Ledger
import Models

/// The activator's picture of the ledger: the entities that hold or need allocations, the pools
/// rebuilt from them, and how many ledger entities hold each pool value.
///
/// Every change from the log (or from a receipt) replaces an entity's whole value, so applying
/// one twice is harmless; a change older than the last one applied to the same entity is
/// ignored, so the view never goes back in time. Pools follow the view: values an entity stops
/// holding are released once no entity holds them, values it starts holding are marked. Values
/// the activator took for an instruction still in flight are in the pools but not in the
/// counts; they become counted when the activation comes back.
public struct ActivatorState: Sendable {
    /// The global config the pools were made from.
    public private(set) var globalConfig: GlobalConfig
    /// Devices by key.
    public private(set) var devices: [PublicKey: Device] = [:]
    /// Links by key.
    public private(set) var links: [PublicKey: Link] = [:]
    /// Users by key.
    public private(set) var users: [PublicKey: User] = [:]
    /// Multicast groups by key.
    public private(set) var multicastGroups: [PublicKey: MulticastGroup] = [:]
    /// The pools.
    public var pools: ResourcePools
    /// The log sequence of the last change applied to each entity (removed ones included).
    private var sequences: [EntityRef: UInt64] = [:]
    /// How many entities of the view hold each value.
    private var holders: [HeldValueKey: Int] = [:]

    /// A state read at log position `sequence`: the pools are rebuilt from `entities`.
    public init(globalConfig: GlobalConfig, entities: [Entity], at sequence: UInt64) {
        self.globalConfig = globalConfig
        pools = ResourcePools(globalConfig: globalConfig)
        for entity in entities {
            sequences[entity.ref] = sequence
            switch entity {
            case .device(let value): devices[value.pubkey] = value
            case .link(let value): links[value.pubkey] = value
            case .user(let value): users[value.pubkey] = value
            case .multicastGroup(let value): multicastGroups[value.pubkey] = value
            default: break
            }
        }
        pools = ResourcePools(snapshot: snapshot)
        for usage in pools.usages(in: snapshot) {
            holders[HeldValueKey(usage), default: 0] += 1
        }
    }

    /// The entities that hold allocations, for a rebuild or an audit.
    public var snapshot: AllocationSnapshot {
        AllocationSnapshot(
            globalConfig: globalConfig, devices: Array(devices.values), links: Array(links.values),
            users: Array(users.values), multicastGroups: Array(multicastGroups.values))
    }

    /// Whether some entity of the view holds `usage`'s value.
    func isHeldByLedger(_ usage: ResourceUsage) -> Bool {
        holders[HeldValueKey(usage), default: 0] > 0
    }

    /// Applies one change made at log position `sequence`.
    ///
    /// - Returns: Whether the change was newer than what the view had (and so was applied).
    @discardableResult
    public mutating func apply(_ change: StateChange, at sequence: UInt64) -> Bool {
        if let applied = sequences[change.ref], applied >= sequence { return false }
        sequences[change.ref] = sequence
        switch change.ref.kind {
        case .globalConfig:
            if case .globalConfig(let config)? = change.entity {
                globalConfig = config
                pools.updateGlobalConfig(config)
            }
        case .device:
            let old = devices[change.ref.pubkey]
            let new: Device? = if case .device(let value)? = change.entity { value } else { nil }
            devices[change.ref.pubkey] = new
            let oldUsages = old.map { pools.usages(of: $0) } ?? []
            let newUsages = new.map { pools.usages(of: $0) } ?? []
            forget(oldUsages, keeping: newUsages)
            if let new {
                pools.updateDevice(new)
            } else {
                pools.removeDevice(change.ref.pubkey)
            }
            count(newUsages, beyond: oldUsages)
        case .link:
            let old = links[change.ref.pubkey]
            let new: Link? = if case .link(let value)? = change.entity { value } else { nil }
            links[change.ref.pubkey] = new
            replace(old.map { pools.usages(of: $0) } ?? [], with: new.map { pools.usages(of: $0) } ?? [])
        case .user:
            let old = users[change.ref.pubkey]
            let new: User? = if case .user(let value)? = change.entity { value } else { nil }
            users[change.ref.pubkey] = new
            replace(old.map { pools.usages(of: $0) } ?? [], with: new.map { pools.usages(of: $0) } ?? [])
        case .multicastGroup:
            let old = multicastGroups[change.ref.pubkey]
            let new: MulticastGroup? = if case .multicastGroup(let value)? = change.entity { value } else { nil }
            multicastGroups[change.ref.pubkey] = new
            replace(old.map { pools.usages(of: $0) } ?? [], with: new.map { pools.usages(of: $0) } ?? [])
        default:
            break
        }
        return true
    }

    /// Gives back values taken for an instruction the ledger refused, except any that an entity
    /// of the view has come to hold meanwhile (another activator's activation).
    public mutating func giveBack(_ acquired: [ResourceUsage]) {
        for usage in acquired where !isHeldByLedger(usage) {
            pools.release(usage)
        }
    }

    /// Moves the counts and the pools from `old` to `new`.
    private mutating func replace(_ old: [ResourceUsage], with new: [ResourceUsage]) {
        forget(old, keeping: new)
        count(new, beyond: old)
    }

    /// Uncounts each value of `old` not in `new`, releasing it once nothing holds it.
    private mutating func forget(_ old: [ResourceUsage], keeping new: [ResourceUsage]) {
        let kept = Set(new.map(HeldValueKey.init))
        for usage in old where !kept.contains(HeldValueKey(usage)) {
            let key = HeldValueKey(usage)
            let remaining = holders[key, default: 1] - 1
            if remaining <= 0 {
                holders[key] = nil
                pools.release(usage)
            } else {
                holders[key] = remaining
            }
        }
    }

    /// Counts each value of `new` not in `old`, marking it in its pool (it may be marked already:
    /// the activator took it for this very activation).
    private mutating func count(_ new: [ResourceUsage], beyond old: [ResourceUsage]) {
        let had = Set(old.map(HeldValueKey.init))
        for usage in new where !had.contains(HeldValueKey(usage)) {
            holders[HeldValueKey(usage), default: 0] += 1
            try? pools.hold(usage)
        }
    }
}
