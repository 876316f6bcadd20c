import Foundation
import Models

/// Selects entities by the values of their top-level JSON fields, for example
/// `status=activated` and `device_pk=<key>`. Every condition must hold; values compare as the
/// text of the JSON scalar: a string's contents (an address, a key, `activated`), a number's
/// JSON text as the ledger stores it (`42`, `34.05`), or `true` / `false`. A field that is absent,
/// null, an array or an object never matches, nor does a field name containing a double quote.
///
/// The ledger file applies a filter in SQL on the stored value JSON (see
/// ``LedgerStoreReader/entities(of:matching:)``); ``matches(storedValue:)`` is the same rule in
/// Swift.
public struct EntityFilter: Hashable, Sendable, Codable {
    /// Field name (snake_case) to required value.
    public var conditions: [String: String]

    /// No conditions: matches everything.
    public static let all = EntityFilter()

    /// Creates a filter.
    public init(_ conditions: [String: String] = [:]) {
        self.conditions = conditions
    }

    /// Whether `entity` satisfies every condition, judged on its canonical value JSON (the
    /// bytes the ledger stores).
    public func matches(_ entity: Entity) -> Bool {
        guard !conditions.isEmpty else { return true }
        return matches(storedValue: CanonicalJSON.encodeValue(of: entity))
    }

    /// Whether the entity value JSON `storedValue` (an `entities.value` column) satisfies every
    /// condition; false when it is not a JSON object.
    public func matches(storedValue: [UInt8]) -> Bool {
        guard !conditions.isEmpty else { return true }
        guard let fields = JSONObjectScalars.texts(of: storedValue) else { return false }
        return conditions.allSatisfy { Self.isPathable($0.key) && fields[$0.key] == $0.value }
    }
}
