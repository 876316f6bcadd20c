import Ledger

/// The body of `GET /v1/entities/{kind}`: `{"entities": [{"kind": ..., "value": {...}}, ...]}`.
public struct EntityListBody: Hashable, Sendable, Codable {
    /// The matching entities, ordered by key.
    public var entities: [Entity]

    /// Creates a list body.
    public init(entities: [Entity]) {
        self.entities = entities
    }
}
