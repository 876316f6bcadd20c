import Foundation
import Models

/// The one JSON form the ledger signs, stores and hashes: sorted keys, unescaped slashes.
/// Transaction messages, log changes, entity rows and the state hash all use this encoder.
enum CanonicalJSON {
    /// An encoder with the canonical settings.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // JSON has no NaN or infinity: encode them as strings, which every decoder of a number
        // refuses, so a bad value is a clear rejection instead of a crash in `try!` below.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// The canonical JSON of an entity's value, without the kind wrapper (the `entities.value` column).
    static func encodeValue(of entity: Entity) -> [UInt8] {
        // Encoding our own Codable values cannot fail.
        Array(try! makeEncoder().encode(EntityValue(entity: entity)))
    }

    /// Decodes an entity of `kind` from the JSON of its value.
    static func decodeEntity(kind: EntityKind, value: [UInt8]) throws -> Entity {
        var wrapped = Array(#"{"kind":""#.utf8)
        wrapped += kind.rawValue.utf8
        wrapped += Array(#"","value":"#.utf8)
        wrapped += value
        wrapped.append(UInt8(ascii: "}"))
        return try JSONDecoder().decode(Entity.self, from: Data(wrapped))
    }

    /// Decodes a stored change list.
    static func decodeChanges(_ bytes: [UInt8]) throws -> [StateChange] {
        try JSONDecoder().decode([StateChange].self, from: Data(bytes))
    }
}

/// A change list in canonical JSON, with each entity value's JSON kept for the entity rows.
///
/// The list is `[{"kind":...,"pubkey":...,"value":<value or null>}, ...]` with the keys in sorted
/// order, built from one encoding of each value (so a transaction's values are encoded once).
public struct EncodedChanges: Hashable, Sendable {
    /// The whole list, as hashed and stored in the log.
    public let json: [UInt8]
    /// Each change's value JSON (nil for a removal), in the order of the changes.
    public let values: [[UInt8]?]

    /// Encodes `changes`.
    public init(_ changes: [StateChange]) {
        var json: [UInt8] = [UInt8(ascii: "[")]
        var values: [[UInt8]?] = []
        values.reserveCapacity(changes.count)
        for (position, change) in changes.enumerated() {
            if position > 0 { json.append(UInt8(ascii: ",")) }
            // Kind names and base58 keys never need JSON escaping.
            json += Array(#"{"kind":""#.utf8) + Array(change.ref.kind.rawValue.utf8)
            json += Array(#"","pubkey":""#.utf8) + Array(change.ref.pubkey.base58.utf8) + Array(#"","value":"#.utf8)
            if let entity = change.entity {
                let value = CanonicalJSON.encodeValue(of: entity)
                json += value
                values.append(value)
            } else {
                json += Array("null".utf8)
                values.append(nil)
            }
            json.append(UInt8(ascii: "}"))
        }
        json.append(UInt8(ascii: "]"))
        self.json = json
        self.values = values
    }
}
