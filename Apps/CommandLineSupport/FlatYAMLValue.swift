/// How the value of one `key: value` line of a ``FlatYAMLDocument`` is written and read.
///
/// Reading accepts the three YAML scalar styles on one line: plain (`ledger: http://127.0.0.1:7850`),
/// single-quoted (`'it''s'`, a doubled quote is one quote) and double-quoted (`"a \"b\" \u00e9"`, with
/// YAML's escapes), each optionally followed by whitespace and a `# comment`. An empty value, `~` and
/// `null` (plain) mean "no value". Anything that would make the line more than a flat string (flow
/// collections, anchors, tags, block scalars, a `: ` inside a plain value) is refused, so the file
/// means the same to this reader and to any YAML parser.
///
/// Writing produces a plain value when it is unambiguous (paths and URLs such as
/// `/home/me/.config/doublezero/id.json` or `http://127.0.0.1:7850`) and a double-quoted one with
/// escapes otherwise, so every string reads back exactly, scalar for scalar.
enum FlatYAMLValue {
    /// Plain values that YAML reads as null or as a boolean; written quoted so they stay strings.
    static let reservedWords: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// The value `text` holds (everything after `key:` and the whitespace after it), or nil when it
    /// holds none.
    ///
    /// - Throws: ``FlatYAMLError`` on `line` saying what is wrong with the value.
    static func decoded(_ text: ArraySlice<Unicode.Scalar>, line: Int) throws(FlatYAMLError) -> String? {
        guard let first = text.first else { return nil }
        switch first {
        case "#":
            return nil
        case "\"":
            let (value, rest) = try doubleQuoted(text.dropFirst(), line: line)
            try checkNothingFollows(rest, line: line)
            return value
        case "'":
            let (value, rest) = try singleQuoted(text.dropFirst(), line: line)
            try checkNothingFollows(rest, line: line)
            return value
        default:
            return try plain(text, line: line)
        }
    }

    /// `value` as it is written after `key: `: plain when unambiguous, else double-quoted.
    static func encoded(_ value: String) -> String {
        if isPlainSafe(value) { return value }
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            case "\0": text += "\\0"
            default:
                if needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// Whether YAML allows `scalar` as a character of the text (YAML 1.2 `c-printable`).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether `scalar` is written as an escape inside double quotes: anything YAML does not print,
    /// and the characters older YAML readers take as line breaks or a byte order mark.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        !isPrintable(scalar) || [0x0A, 0x0D, 0x85, 0x2028, 0x2029, 0xFEFF].contains(scalar.value)
    }

    /// Whether `value` can be written plain and read back as the same string by any YAML reader:
    /// letters, digits and `/ . _ - ~ + @ = : , %` only, starting like a path, a URL or a word,
    /// not ending in `:`, and not a word YAML reads as null or a boolean.
    private static func isPlainSafe(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, last != ":" else { return false }
        let allowed = scalars.allSatisfy { scalar in
            ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "/._-~+@=:,%".unicodeScalars.contains(scalar)
        }
        guard allowed, !reservedWords.contains(value.lowercased()) else { return false }
        let startsLikeAWord = ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "/" || first == "_"
        return startsLikeAWord || value.hasPrefix("~/") || value.hasPrefix("./") || value.hasPrefix("../")
    }

    /// A plain value: up to a `#` that follows whitespace, without trailing whitespace.
    private static func plain(_ text: ArraySlice<Unicode.Scalar>, line: Int) throws(FlatYAMLError) -> String? {
        var end = text.endIndex
        for index in text.indices where text[index] == "#" && index > text.startIndex {
            if text[index - 1] == " " || text[index - 1] == "\t" {
                end = index
                break
            }
        }
        var body = text[text.startIndex..<end]
        while let last = body.last, last == " " || last == "\t" { body.removeLast() }
        let value = String(String.UnicodeScalarView(body))
        guard let first = body.first else { return nil }
        let second = body.dropFirst().first
        if "[]{}&*!|>%@`,".unicodeScalars.contains(first)
            || ("-?:".unicodeScalars.contains(first) && (second == nil || second == " " || second == "\t"))
        {
            throw FlatYAMLError(
                line: line,
                problem: "a value starting with '\(first)' is a YAML feature this file does not hold "
                    + "(lists, maps, anchors, tags, block text); put the value in double quotes")
        }
        let colonSpace = zip(body, body.dropFirst()).contains { $0 == ":" && ($1 == " " || $1 == "\t") }
        if colonSpace || body.last == ":" {
            throw FlatYAMLError(
                line: line, problem: "':' followed by a space inside an unquoted value; put the value in double quotes")
        }
        return ["~", "null", "Null", "NULL"].contains(value) ? nil : value
    }

    /// A double-quoted value (after its opening quote) with its escapes applied, and what follows the
    /// closing quote.
    private static func doubleQuoted(_ text: ArraySlice<Unicode.Scalar>, line: Int) throws(FlatYAMLError) -> (
        String, ArraySlice<Unicode.Scalar>
    ) {
        var value = String.UnicodeScalarView()
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            index += 1
            switch scalar {
            case "\"":
                return (String(value), text[index...])
            case "\\":
                guard index < text.endIndex else { break }
                let (escaped, next) = try escape(in: text, at: index, line: line)
                value.append(escaped)
                index = next
            default:
                value.append(scalar)
            }
        }
        throw FlatYAMLError(line: line, problem: "the double-quoted value has no closing '\"'")
    }

    /// The character an escape stands for (`text[index]` is the character after the backslash), and
    /// the index after the escape.
    private static func escape(in text: ArraySlice<Unicode.Scalar>, at index: Int, line: Int) throws(FlatYAMLError)
        -> (Unicode.Scalar, Int)
    {
        let simple: [Unicode.Scalar: UInt32] = [
            "0": 0, "a": 7, "b": 8, "t": 9, "\t": 9, "n": 0x0A, "v": 0x0B, "f": 0x0C, "r": 0x0D, "e": 0x1B,
            " ": 0x20, "\"": 0x22, "/": 0x2F, "\\": 0x5C, "N": 0x85, "_": 0xA0, "L": 0x2028, "P": 0x2029,
        ]
        let letter = text[index]
        if let value = simple[letter], let scalar = Unicode.Scalar(value) { return (scalar, index + 1) }
        let digits: Int
        switch letter {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        default:
            throw FlatYAMLError(line: line, problem: "unknown escape '\\\(letter)' in a double-quoted value")
        }
        let hex = text[(index + 1)...].prefix(digits)
        guard hex.count == digits, hex.allSatisfy(\.properties.isASCIIHexDigit),
            let code = UInt32(String(String.UnicodeScalarView(hex)), radix: 16), let scalar = Unicode.Scalar(code)
        else {
            throw FlatYAMLError(
                line: line, problem: "'\\\(letter)' must be followed by \(digits) hex digits naming a character")
        }
        return (scalar, index + 1 + digits)
    }

    /// A single-quoted value (after its opening quote), where `''` is one quote, and what follows the
    /// closing quote.
    private static func singleQuoted(_ text: ArraySlice<Unicode.Scalar>, line: Int) throws(FlatYAMLError) -> (
        String, ArraySlice<Unicode.Scalar>
    ) {
        var value = String.UnicodeScalarView()
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            index += 1
            guard scalar == "'" else {
                value.append(scalar)
                continue
            }
            guard index < text.endIndex, text[index] == "'" else { return (String(value), text[index...]) }
            value.append("'")
            index += 1
        }
        throw FlatYAMLError(line: line, problem: "the single-quoted value has no closing \"'\"")
    }

    /// Checks that only whitespace and a comment follow a quoted value.
    private static func checkNothingFollows(_ rest: ArraySlice<Unicode.Scalar>, line: Int) throws(FlatYAMLError) {
        let afterSpace = rest.drop { $0 == " " || $0 == "\t" }
        if afterSpace.isEmpty || (afterSpace.first == "#" && afterSpace.count < rest.count) { return }
        throw FlatYAMLError(
            line: line,
            problem: "unexpected text after the closing quote: '\(String(String.UnicodeScalarView(afterSpace)))'")
    }
}
