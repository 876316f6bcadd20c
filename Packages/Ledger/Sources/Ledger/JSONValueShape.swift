/// The shape of a JSON value, as much as keypair decoding needs to report what it found.
///
/// Decoding never fails for valid JSON: every value lands in one case.
enum JSONValueShape: Decodable, Equatable {
    /// A number that is an integer representable as `Int`.
    case integer(Int)
    /// Any other number (fractional, or too large for `Int`).
    case number(Double)
    /// `true` or `false`.
    case boolean
    /// A string.
    case string
    /// `null`.
    case null
    /// An array, with the shapes of its elements.
    case array([JSONValueShape])
    /// An object.
    case object

    init(from decoder: any Decoder) throws {
        if var elements = try? decoder.unkeyedContainer() {
            var shapes: [JSONValueShape] = []
            while !elements.isAtEnd {
                shapes.append(try elements.decode(JSONValueShape.self))
            }
            self = .array(shapes)
            return
        }
        if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
            self = .object
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let integer = try? value.decode(Int.self) {
            self = .integer(integer)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else if (try? value.decode(Bool.self)) != nil {
            self = .boolean
        } else {
            _ = try value.decode(String.self)
            self = .string
        }
    }

    /// What the value is, for error messages: `"a string"`, `"the number 1.5"`, …
    var summary: String {
        switch self {
        case .integer(let integer): "the integer \(integer)"
        case .number(let number): "the number \(number)"
        case .boolean: "a boolean"
        case .string: "a string"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A coding key that accepts any object key.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
