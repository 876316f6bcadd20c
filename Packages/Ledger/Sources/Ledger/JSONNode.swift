/// One JSON value as ``StrictJSONReader`` read it: what it is, and where its text lies in the
/// input (so two texts can be compared literal by literal, `1e3` against `1000`).
struct JSONNode: Hashable, Sendable {
    /// An object member, in the order written.
    struct Member: Hashable, Sendable {
        /// The key, unescaped.
        let key: String
        /// The value.
        let value: JSONNode
    }

    /// The kinds of JSON value, with their contents.
    enum Value: Hashable, Sendable {
        /// An object's members in the order written (no key twice).
        case object([Member])
        /// An array's elements.
        case array([JSONNode])
        /// A string, unescaped.
        case string(String)
        /// A number (its literal is the node's text).
        case number
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
    }

    /// The value.
    let value: Value
    /// The byte offsets of the value's text in the input.
    let range: Range<Int>

    /// The member named `key`, when this is an object that has one.
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the value's kind, for messages.
    var kindName: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
