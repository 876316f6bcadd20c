import Foundation
import Models

/// Selects entities by the values of their top-level JSON fields, for example
/// `status=activated` and `device_pk=<key>`. Every condition must hold; values compare as the
/// text of the JSON scalar (`true`, `42`, `activated`, an address or a key).
public struct EntityFilter: Hashable, Sendable, Codable {
    /// Field name (snake_case) to required value.
    public var conditions: [String: String]

    /// No conditions: matches everything.
    public static let all = EntityFilter()

    /// Creates a filter.
    public init(_ conditions: [String: String] = [:]) {
        self.conditions = conditions
    }

    /// Whether `entity` satisfies every condition (an absent field never matches).
    public func matches(_ entity: Entity) -> Bool {
        guard !conditions.isEmpty else { return true }
        guard let fields = Self.scalarFields(of: entity) else { return false }
        return conditions.allSatisfy { fields[$0.key] == $0.value }
    }

    /// The entity's top-level scalar fields as text.
    static func scalarFields(of entity: Entity) -> [String: String]? {
        guard let data = try? JSONEncoder().encode(EntityValue(entity: entity)),
            let object = try? JSONDecoder().decode([String: JSONScalar].self, from: data)
        else { return nil }
        return object.compactMapValues(\.text)
    }
}

/// A JSON value read as the text of a scalar; arrays, objects and null have no text.
private struct JSONScalar: Decodable {
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            text = value ? "true" : "false"
        } else if let value = try? container.decode(UInt64.self) {
            text = String(value)
        } else if let value = try? container.decode(Int64.self) {
            text = String(value)
        } else if let value = try? container.decode(Double.self) {
            text = String(value)
        } else if let value = try? container.decode(String.self) {
            text = value
        } else {
            text = nil
        }
    }
}

/// Encodes an entity's value without the kind wrapper.
struct EntityValue: Encodable {
    let entity: Entity
    func encode(to encoder: any Encoder) throws { try entity.encodeValue(to: encoder) }
}
