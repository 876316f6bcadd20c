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
