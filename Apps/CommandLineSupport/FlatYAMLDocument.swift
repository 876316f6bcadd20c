/// A YAML file that is one flat map of `key: value` lines, read and written without a YAML library.
///
/// The subset is strict and small: each line is blank, a `# comment`, or `key: value` at the start of
/// the line (keys are letters, digits, `_` and `-`; values are plain, `'single'` or `"double"` quoted
/// strings, see ``FlatYAMLValue``). Nested values, lists, anchors, document markers and duplicate keys
/// are refused with a ``FlatYAMLError`` naming the line, so a file this type accepts means the same
/// to any YAML parser.
///
/// Changing a value rewrites only that key's line; every other line — comments, blank lines and keys
/// this program does not know — is written back exactly as it was read.
public struct FlatYAMLDocument: Sendable, Hashable {
    /// One line of the document.
    private enum Line: Sendable, Hashable {
        /// A blank line or a comment, written back as it was read.
        case verbatim(String)

        /// A `key: value` line (`value` nil for an empty or null value), with its text as read or set.
        case entry(key: String, value: String?, text: String)

        /// The line's text, without the line break.
        var text: String {
            switch self {
            case .verbatim(let text), .entry(_, _, let text): text
            }
        }

        /// The key, for an entry.
        var key: String? {
            if case .entry(let key, _, _) = self { return key }
            return nil
        }
    }

    /// The lines, in order.
    private var lines: [Line] = []

    /// An empty document.
    public init() {}

    /// Reads `text` (line breaks `\n` or `\r\n`, an optional byte order mark).
    ///
    /// - Throws: ``FlatYAMLError`` for the first line outside the subset, or a key given twice.
    public init(parsing text: String) throws(FlatYAMLError) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var pieces = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        var firstLineOfKey: [String: Int] = [:]
        for (offset, piece) in pieces.enumerated() {
            let number = offset + 1
            var body = piece
            if body.last == "\r" { body.removeLast() }
            let line = try Self.line(body, number: number)
            if let key = line.key {
                if let first = firstLineOfKey[key] {
                    throw FlatYAMLError(line: number, problem: "'\(key)' is already set on line \(first)")
                }
                firstLineOfKey[key] = number
            }
            lines.append(line)
        }
    }

    /// The keys, in the order of their lines.
    public var keys: [String] { lines.compactMap(\.key) }

    /// The value of `key`, or nil when the key is absent or its value is empty or null.
    public subscript(key: String) -> String? {
        for case .entry(key, let value, _) in lines { return value }
        return nil
    }

    /// The line (counting from 1) that sets `key`, or nil when no line does.
    public func lineNumber(of key: String) -> Int? {
        lines.firstIndex { $0.key == key }.map { $0 + 1 }
    }

    /// Sets `key` to `value`: rewrites the key's line where it is, or adds a line at the end.
    ///
    /// - Precondition: `key` is a valid key (``isValidKey(_:)``).
    public mutating func set(_ key: String, to value: String) {
        precondition(Self.isValidKey(key), "'\(key)' is not a flat YAML key")
        let line = Line.entry(key: key, value: value, text: key + ": " + FlatYAMLValue.encoded(value))
        if let index = lines.firstIndex(where: { $0.key == key }) {
            lines[index] = line
        } else {
            lines.append(line)
        }
    }

    /// The document as text: every line followed by `\n` (empty for an empty document).
    public func rendered() -> String {
        lines.map { $0.text + "\n" }.joined()
    }

    /// Whether `key` can be a key: a letter or `_`, then letters, digits, `_` and `-`.
    public static func isValidKey(_ key: String) -> Bool {
        let scalars = Array(key.unicodeScalars)
        guard let first = scalars.first, isKeyStart(first) else { return false }
        return scalars.dropFirst().allSatisfy(isKeyScalar)
    }

    /// Reads one line (without its line break).
    private static func line(_ body: ArraySlice<Unicode.Scalar>, number: Int) throws(FlatYAMLError) -> Line {
        let text = String(String.UnicodeScalarView(body))
        if let bad = body.first(where: { !FlatYAMLValue.isPrintable($0) || $0 == "\r" }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            throw FlatYAMLError(
                line: number,
                problem: "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex); "
                    + "write it as an escape inside double quotes")
        }
        let content = body.drop { $0 == " " || $0 == "\t" }
        if content.isEmpty || content.first == "#" { return .verbatim(text) }
        if content.count < body.count {
            throw FlatYAMLError(
                line: number, problem: "indented line: this file holds one `key: value` per line, not nested values")
        }
        if text == "---" || text == "..." || text.hasPrefix("--- ") || text.hasPrefix("... ") {
            throw FlatYAMLError(line: number, problem: "YAML document markers ('---', '...') are not supported")
        }
        guard let first = body.first, isKeyStart(first) else {
            let quoted = body.first == "\"" || body.first == "'"
            throw FlatYAMLError(
                line: number,
                problem: quoted
                    ? "quoted keys are not supported" : "expected `key: value` (a key starts with a letter or '_')")
        }
        let keyEnd = body.firstIndex { !isKeyScalar($0) } ?? body.endIndex
        let key = String(String.UnicodeScalarView(body[..<keyEnd]))
        guard keyEnd < body.endIndex, body[keyEnd] == ":" else {
            throw FlatYAMLError(
                line: number,
                problem: "expected `key: value` after '\(key)' (keys are letters, digits, '_' and '-', then ':')")
        }
        let afterColon = body[(keyEnd + 1)...]
        guard afterColon.isEmpty || afterColon.first == " " || afterColon.first == "\t" else {
            throw FlatYAMLError(line: number, problem: "a space must follow ':' after '\(key)'")
        }
        let value = try FlatYAMLValue.decoded(afterColon.drop { $0 == " " || $0 == "\t" }, line: number)
        return .entry(key: key, value: value, text: text)
    }

    /// Whether `scalar` can start a key.
    private static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    /// Whether `scalar` can follow the first scalar of a key.
    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        isKeyStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
