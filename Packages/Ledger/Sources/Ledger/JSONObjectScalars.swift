import Foundation

/// The top-level fields of a JSON object whose values are scalars, each as the text
/// ``EntityFilter`` compares: a string's contents, a number's JSON text exactly as written, or
/// `true` / `false`. Fields whose value is null, an array or an object are left out.
///
/// A small scanner over the bytes, so a stored entity value is matched without decoding it into
/// an ``Entity``.
enum JSONObjectScalars {
    /// The scalar fields of the JSON object in `json`, or nil when `json` is not a well-formed
    /// object (as far as the scanner looks: nested values are skipped by their brackets).
    static func texts(of json: [UInt8]) -> [String: String]? {
        var scanner = Scanner(bytes: json)
        return scanner.object()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func object() -> [String: String]? {
            skipWhitespace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var fields: [String: String] = [:]
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return atEnd() ? fields : nil }
            while true {
                skipWhitespace()
                guard let keyRange = string(), let key = Self.decodeString(bytes[keyRange]) else { return nil }
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                guard let (valueRange, kind) = value() else { return nil }
                switch kind {
                case .string:
                    guard let text = Self.decodeString(bytes[valueRange]) else { return nil }
                    fields[key] = text
                case .literal:
                    fields[key] = String(decoding: bytes[valueRange], as: UTF8.self)
                case .none:
                    fields[key] = nil
                }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                return atEnd() ? fields : nil
            }
        }

        /// What a value's text means for the filter.
        enum ValueKind {
            /// A JSON string: compared by its contents.
            case string
            /// A number, `true` or `false`: compared by its JSON text.
            case literal
            /// null, an array or an object: never compared.
            case none
        }

        /// Skips one value; its byte range (a string's with its quotes) and kind.
        mutating func value() -> (Range<Int>, ValueKind)? {
            guard position < bytes.count else { return nil }
            let start = position
            switch bytes[position] {
            case UInt8(ascii: "\""):
                guard let range = string() else { return nil }
                return (range, .string)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard skipContainer() else { return nil }
                return (start..<position, .none)
            default:
                while position < bytes.count, !Self.endsLiteral(bytes[position]) { position += 1 }
                guard position > start else { return nil }
                let text = bytes[start..<position]
                if text.elementsEqual("null".utf8) { return (start..<position, .none) }
                if text.elementsEqual("true".utf8) || text.elementsEqual("false".utf8) {
                    return (start..<position, .literal)
                }
                guard Self.isNumber(text) else { return nil }
                return (start..<position, .literal)
            }
        }

        /// Skips a string starting at `position`; its range including the quotes.
        mutating func string() -> Range<Int>? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            let start = position
            position += 1
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\\"):
                    position += 2
                case UInt8(ascii: "\""):
                    position += 1
                    return start..<position
                default:
                    position += 1
                }
            }
            return nil
        }

        /// Skips an array or object starting at `position`, strings inside included.
        mutating func skipContainer() -> Bool {
            var depth = 0
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return true
                    }
                default:
                    break
                }
                position += 1
            }
            return false
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func atEnd() -> Bool {
            skipWhitespace()
            return position == bytes.count
        }

        static func endsLiteral(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                || [0x20, 0x09, 0x0A, 0x0D].contains(byte)
        }

        /// Whether `text` is a JSON number (`-? int frac? exp?`).
        static func isNumber(_ text: ArraySlice<UInt8>) -> Bool {
            var index = text.startIndex
            func digits() -> Int {
                let start = index
                while index < text.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) {
                    index += 1
                }
                return index - start
            }
            if index < text.endIndex, text[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
            if index < text.endIndex, text[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if index < text.endIndex, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
                index += 1
                if index < text.endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits() > 0 else { return false }
            }
            return index == text.endIndex
        }

        /// The contents of a JSON string token (quotes included), escapes resolved.
        static func decodeString(_ token: ArraySlice<UInt8>) -> String? {
            let inner = token.dropFirst().dropLast()
            if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
            return try? JSONDecoder().decode(String.self, from: Data(token))
        }
    }
}
