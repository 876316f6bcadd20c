import Models

/// Any one ledger entity, tagged with its kind.
///
/// JSON: `{"kind": "device", "value": {...}}`.
public enum Entity: Hashable, Sendable {
    /// The global state.
    case globalState(GlobalState)
    /// The global config.
    case globalConfig(GlobalConfig)
    /// A location.
    case location(Location)
    /// An exchange.
    case exchange(Exchange)
    /// A contributor.
    case contributor(Contributor)
    /// A device.
    case device(Device)
    /// A link.
    case link(Link)
    /// A user.
    case user(User)
    /// A multicast group.
    case multicastGroup(MulticastGroup)
    /// An access pass.
    case accessPass(AccessPass)

    /// The key of the global-state singleton.
    public static let globalStateKey = EntitySeed.globalState.publicKey
    /// The key of the global-config singleton.
    public static let globalConfigKey = EntitySeed.globalConfig.publicKey

    /// The entity's kind.
    public var kind: EntityKind {
        switch self {
        case .globalState: .globalState
        case .globalConfig: .globalConfig
        case .location: .location
        case .exchange: .exchange
        case .contributor: .contributor
        case .device: .device
        case .link: .link
        case .user: .user
        case .multicastGroup: .multicastGroup
        case .accessPass: .accessPass
        }
    }

    /// The entity's key.
    public var pubkey: PublicKey {
        switch self {
        case .globalState: Self.globalStateKey
        case .globalConfig: Self.globalConfigKey
        case .location(let value): value.pubkey
        case .exchange(let value): value.pubkey
        case .contributor(let value): value.pubkey
        case .device(let value): value.pubkey
        case .link(let value): value.pubkey
        case .user(let value): value.pubkey
        case .multicastGroup(let value): value.pubkey
        case .accessPass(let value): value.pubkey
        }
    }

    /// Where the entity lives: its kind and key.
    public var ref: EntityRef { EntityRef(kind: kind, pubkey: pubkey) }

    /// Runs the entity's own validation rules.
    public func validate() throws(ProgramError) {
        switch self {
        case .globalState(let value): try value.validate()
        case .globalConfig(let value): try value.validate()
        case .location(let value): try value.validate()
        case .exchange(let value): try value.validate()
        case .contributor(let value): try value.validate()
        case .device(let value): try value.validate()
        case .link(let value): try value.validate()
        case .user(let value): try value.validate()
        case .multicastGroup(let value): try value.validate()
        case .accessPass(let value): try value.validate()
        }
    }
}

extension Entity: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, value
    }

    /// Decodes `{"kind": ..., "value": ...}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = try Self.decodeValue(of: container.decode(EntityKind.self, forKey: .kind), from: container)
    }

    private static func decodeValue(
        of kind: EntityKind, from container: KeyedDecodingContainer<CodingKeys>
    ) throws -> Entity {
        switch kind {
        case .globalState: .globalState(try container.decode(GlobalState.self, forKey: .value))
        case .globalConfig: .globalConfig(try container.decode(GlobalConfig.self, forKey: .value))
        case .location: .location(try container.decode(Location.self, forKey: .value))
        case .exchange: .exchange(try container.decode(Exchange.self, forKey: .value))
        case .contributor: .contributor(try container.decode(Contributor.self, forKey: .value))
        case .device: .device(try container.decode(Device.self, forKey: .value))
        case .link: .link(try container.decode(Link.self, forKey: .value))
        case .user: .user(try container.decode(User.self, forKey: .value))
        case .multicastGroup: .multicastGroup(try container.decode(MulticastGroup.self, forKey: .value))
        case .accessPass: .accessPass(try container.decode(AccessPass.self, forKey: .value))
        }
    }

    /// Encodes `{"kind": ..., "value": ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try encodeValue(into: &container)
    }

    /// Encodes just the entity value (no kind wrapper) into a single-value container.
    public func encodeValue(to encoder: any Encoder) throws {
        switch self {
        case .globalState(let value): try value.encode(to: encoder)
        case .globalConfig(let value): try value.encode(to: encoder)
        case .location(let value): try value.encode(to: encoder)
        case .exchange(let value): try value.encode(to: encoder)
        case .contributor(let value): try value.encode(to: encoder)
        case .device(let value): try value.encode(to: encoder)
        case .link(let value): try value.encode(to: encoder)
        case .user(let value): try value.encode(to: encoder)
        case .multicastGroup(let value): try value.encode(to: encoder)
        case .accessPass(let value): try value.encode(to: encoder)
        }
    }

    private func encodeValue(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try encodeValue(to: container.superEncoder(forKey: .value))
    }
}

/// An entity's address in the ledger: its kind and key.
public struct EntityRef: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The kind.
    public var kind: EntityKind
    /// The key.
    public var pubkey: PublicKey

    /// Creates a reference.
    public init(kind: EntityKind, pubkey: PublicKey) {
        self.kind = kind
        self.pubkey = pubkey
    }

    /// `device/<base58>`.
    public var description: String { "\(kind.rawValue)/\(pubkey)" }

    /// Orders references by kind, then public key.
    public static func < (lhs: EntityRef, rhs: EntityRef) -> Bool {
        (lhs.kind.rawValue, lhs.pubkey) < (rhs.kind.rawValue, rhs.pubkey)
    }
}
