/// Reads JSON exactly as RFC 8259 writes it, and refuses what readers disagree on.
///
/// Beyond the grammar (no trailing commas, no comments, no leading zeros or `+`, no raw control
/// characters in strings, valid UTF-8, valid escapes and no lone surrogates, nothing after the
/// value) it refuses objects with a duplicate key (most parsers keep the last, Foundation the
/// first) and nesting deeper than a limit. It works in one pass over the bytes, so its time is
/// linear in the input, whatever the input.
struct StrictJSONReader {
    /// The default nesting limit: far deeper than any transaction, far shallower than a stack.
    static let defaultMaxDepth = 32

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var position = 0
    /// Keys and indices from the top to the value being read, for error messages.
    private var path: [String] = []

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Reads one JSON text.
    ///
    /// - Throws: ``StrictJSONError`` naming the byte offset, or the path and key.
    static func read(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(StrictJSONError) -> JSONNode {
        var reader = StrictJSONReader(bytes: bytes, maxDepth: maxDepth)
        reader.skipWhiteSpace()
        let node = try reader.readValue(depth: 0)
        reader.skipWhiteSpace()
        guard reader.position == bytes.count else { throw reader.syntaxError("unexpected data after the value") }
        return node
    }

    /// A dotted path such as `instructions.0.args`, or `the top level`.
    static func describe(_ path: [String]) -> String {
        path.isEmpty ? "the top level" : path.joined(separator: ".")
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func syntaxError(_ reason: String) -> StrictJSONError {
        .syntax(offset: position, reason: reason)
    }

    private mutating func skipWhiteSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(StrictJSONError) {
        guard current == byte else { throw syntaxError("expected \(what)") }
        position += 1
    }

    private mutating func readValue(depth: Int) throws(StrictJSONError) -> JSONNode {
        guard let byte = current else { throw syntaxError("unexpected end of the text") }
        let start = position
        switch byte {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            let text = try readString()
            return JSONNode(value: .string(text), range: start..<position)
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return JSONNode(value: .bool(true), range: start..<position)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return JSONNode(value: .bool(false), range: start..<position)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return JSONNode(value: .null, range: start..<position)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try readNumber()
            return JSONNode(value: .number, range: start..<position)
        default:
            throw syntaxError("unexpected character '\(Self.printable(byte))'")
        }
    }

    private mutating func requireDepth(_ depth: Int) throws(StrictJSONError) {
        guard depth <= maxDepth else { throw .tooDeep(path: Self.describe(path), limit: maxDepth) }
    }

    private mutating func readObject(depth: Int) throws(StrictJSONError) -> JSONNode {
        try requireDepth(depth)
        let start = position
        position += 1
        var members: [JSONNode.Member] = []
        var keys: Set<String> = []
        skipWhiteSpace()
        if current == UInt8(ascii: "}") {
            position += 1
            return JSONNode(value: .object([]), range: start..<position)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw syntaxError("expected a key in double quotes") }
            let key = try readString()
            guard keys.insert(key).inserted else { throw .duplicateKey(key: key, path: Self.describe(path)) }
            skipWhiteSpace()
            try expect(UInt8(ascii: ":"), "':' after the key")
            skipWhiteSpace()
            path.append(key)
            let value = try readValue(depth: depth)
            path.removeLast()
            members.append(JSONNode.Member(key: key, value: value))
            skipWhiteSpace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhiteSpace()
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return JSONNode(value: .object(members), range: start..<position)
        }
    }

    private mutating func readArray(depth: Int) throws(StrictJSONError) -> JSONNode {
        try requireDepth(depth)
        let start = position
        position += 1
        var elements: [JSONNode] = []
        skipWhiteSpace()
        if current == UInt8(ascii: "]") {
            position += 1
            return JSONNode(value: .array([]), range: start..<position)
        }
        while true {
            path.append(String(elements.count))
            let element = try readValue(depth: depth)
            path.removeLast()
            elements.append(element)
            skipWhiteSpace()
            if current == UInt8(ascii: ",") {
                position += 1
                skipWhiteSpace()
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return JSONNode(value: .array(elements), range: start..<position)
        }
    }

    private mutating func readLiteral(_ literal: StaticString) throws(StrictJSONError) {
        let text = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard position + text.count <= bytes.count, bytes[position..<position + text.count].elementsEqual(text)
        else { throw syntaxError("expected '\(literal)'") }
        position += text.count
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`
    private mutating func readNumber() throws(StrictJSONError) {
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, Self.isDigit(first) else { throw syntaxError("expected a digit") }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let digit = current, Self.isDigit(digit) else { throw syntaxError("expected a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, Self.isDigit(digit) else {
                throw syntaxError("expected a digit in the exponent")
            }
            skipDigits()
        }
        if let next = current, Self.isDigit(next) { throw syntaxError("a number has a leading zero") }
    }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { position += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// Reads a string from its opening quote; returns it unescaped.
    private mutating func readString() throws(StrictJSONError) -> String {
        position += 1
        let start = position
        var unescaped: [UInt8]?
        while true {
            guard let byte = current else { throw syntaxError("unterminated string") }
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20 else { throw syntaxError("control character 0x\(String(byte, radix: 16)) in a string") }
            if byte == UInt8(ascii: "\\") {
                if unescaped == nil { unescaped = Array(bytes[start..<position]) }
                try readEscape(into: &unescaped!)
            } else {
                unescaped?.append(byte)
                position += 1
            }
        }
        let end = position
        position += 1
        let text =
            if let unescaped { String(validating: unescaped, as: UTF8.self) } else {
                String(validating: bytes[start..<end], as: UTF8.self)
            }
        guard let text else { throw .syntax(offset: start, reason: "the string is not valid UTF-8") }
        return text
    }

    /// Reads one escape sequence from its backslash, appending its UTF-8.
    private mutating func readEscape(into output: inout [UInt8]) throws(StrictJSONError) {
        position += 1
        guard let byte = current else { throw syntaxError("unterminated escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\"), position + 1 < bytes.count,
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw syntaxError("a high surrogate without its low surrogate") }
                position += 2
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw syntaxError("a high surrogate without its low surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw syntaxError("a low surrogate without its high surrogate")
            }
            // Every value left is a Unicode scalar (surrogates were paired above).
            UTF8.encode(Unicode.Scalar(scalar)!) { output.append($0) }
        default:
            throw syntaxError("invalid escape '\\\(Self.printable(byte))'")
        }
    }

    private mutating func readHex4() throws(StrictJSONError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw syntaxError("expected four hex digits") }
        var value: UInt16 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError("expected four hex digits")
            }
            value = value << 4 | UInt16(digit)
        }
        position += 4
        return value
    }

    /// A byte as shown in a message: itself when printable ASCII, else its hex value.
    private static func printable(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16)
    }
}
