import Ledger
import Models

// The ledger's entity types as CLI records.

extension Location: LedgerRecord {
    static var kind: EntityKind { .location }
    init?(entity: Entity) {
        guard case .location(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { code }
    var statusText: String { status.rawValue }
}

extension Exchange: LedgerRecord {
    static var kind: EntityKind { .exchange }
    init?(entity: Entity) {
        guard case .exchange(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { code }
    var statusText: String { status.rawValue }
}

extension Contributor: LedgerRecord {
    static var kind: EntityKind { .contributor }
    init?(entity: Entity) {
        guard case .contributor(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { code }
    var statusText: String { status.rawValue }
}

extension Device: LedgerRecord {
    static var kind: EntityKind { .device }
    init?(entity: Entity) {
        guard case .device(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { code }
    var statusText: String { status.rawValue }
}

extension Link: LedgerRecord {
    static var kind: EntityKind { .link }
    init?(entity: Entity) {
        guard case .link(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { code }
    var statusText: String { status.rawValue }
}

extension User: LedgerRecord {
    static var kind: EntityKind { .user }
    static var hasCodes: Bool { false }
    init?(entity: Entity) {
        guard case .user(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { nil }
    var statusText: String { status.rawValue }
}

extension MulticastGroup: LedgerRecord {
    static var kind: EntityKind { .multicastGroup }
    init?(entity: Entity) {
        guard case .multicastGroup(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { code }
    var statusText: String { status.rawValue }
}

extension AccessPass: LedgerRecord {
    static var kind: EntityKind { .accessPass }
    static var hasCodes: Bool { false }
    init?(entity: Entity) {
        guard case .accessPass(let value) = entity else { return nil }
        self = value
    }
    var lookupCode: String? { nil }
    var statusText: String { status.rawValue }
}
