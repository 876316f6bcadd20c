import Foundation

/// The JSON coders both sides of the HTTP API use.
///
/// Field names come from each type's own coding keys (already snake_case); no key conversion
/// is applied. Output is compact, with sorted keys and unescaped slashes (addresses and
/// prefixes such as `10.0.0.0/31` stay readable).
public enum LedgerJSON {
    /// A new encoder with the API's settings.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder with the API's settings.
    public static func makeDecoder() -> JSONDecoder {
        JSONDecoder()
    }
}
