import Models

/// One entity's new value after a transaction, or nil when the transaction removed it.
///
/// The log stores these with each transaction, so followers update their view without running
/// the program, and `verify` can compare them with a fresh replay.
public struct StateChange: Hashable, Sendable {
    /// Which entity.
    public var ref: EntityRef
    /// Its value after the transaction; nil if it was removed.
    public var entity: Entity?

    /// Creates a change.
    public init(ref: EntityRef, entity: Entity?) {
        self.ref = ref
        self.entity = entity
    }
}

extension StateChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, pubkey, value
    }

    /// Decodes `{"kind": ..., "pubkey": ..., "value": {...} | null}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(EntityKind.self, forKey: .kind)
        let pubkey = try container.decode(PublicKey.self, forKey: .pubkey)
        ref = EntityRef(kind: kind, pubkey: pubkey)
        if try container.decodeNil(forKey: .value) {
            entity = nil
        } else {
            entity = try Entity(from: decoder)
        }
    }

    /// Encodes `{"kind": ..., "pubkey": ..., "value": {...} | null}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ref.kind, forKey: .kind)
        try container.encode(ref.pubkey, forKey: .pubkey)
        if let entity {
            try entity.encodeValue(to: container.superEncoder(forKey: .value))
        } else {
            try container.encodeNil(forKey: .value)
        }
    }
}
