import GRDB

extension EntityFilter {
    /// The filter as an SQL condition on a column holding an entity's value JSON as text, with
    /// its arguments; nil when the filter has no conditions.
    ///
    /// Each condition compares the text of the field's JSON scalar, exactly as
    /// ``matches(storedValue:)`` does: a string's contents (`json_extract`), a number's or a
    /// boolean's JSON text as stored (`->`); null, an array, an object or an absent field gives
    /// SQL `NULL`, which never equals anything. A field name with a double quote cannot be
    /// written as a JSON path and never matches, as in ``matches(storedValue:)``.
    ///
    /// A value made only of characters no JSON encoder escapes (``isVerbatim(_:)``) must appear
    /// verbatim in the JSON text of a value that matches, so a plain substring search
    /// (`instr`) first skips the rows that cannot match without parsing their JSON; the
    /// comparison above still decides.
    ///
    /// - Parameter column: the SQL expression of the value JSON text.
    func sqlCondition(on column: String) -> (sql: String, arguments: StatementArguments)? {
        guard !conditions.isEmpty else { return nil }
        var clauses: [String] = []
        var arguments = StatementArguments()
        for (field, value) in conditions.sorted(by: { $0.key < $1.key }) {
            guard Self.isPathable(field) else { return ("0", []) }
            if Self.isVerbatim(value) {
                clauses.append("instr(\(column), ?) > 0")
                arguments += [value]
            }
            let path = "$.\"\(field)\""
            clauses.append(
                """
                (CASE json_type(\(column), ?) WHEN 'text' THEN json_extract(\(column), ?) \
                WHEN 'integer' THEN \(column) -> ? WHEN 'real' THEN \(column) -> ? \
                WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END) = ?
                """)
            arguments += [path, path, path, path, value]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// Whether `field` can be named in a quoted JSON path (`$."field"`).
    static func isPathable(_ field: String) -> Bool {
        !field.contains("\"")
    }

    /// Whether `value` is non-empty and made only of ASCII letters, digits and `.`, `-`, `_`,
    /// `:`, `+`: characters JSON encoders write as they are, so the JSON text of a string with
    /// these contents, or of a number or boolean with this text, contains `value` itself.
    static func isVerbatim(_ value: String) -> Bool {
        !value.isEmpty
            && value.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                    UInt8(ascii: ":"), UInt8(ascii: "+"):
                    true
                default:
                    false
                }
            }
    }
}
