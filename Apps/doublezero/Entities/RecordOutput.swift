import CommandLineSupport

/// Prints what a read verb found, as a table or as JSON: lists as a table with a header (JSON: an
/// array), one record as `key | value` lines (JSON: an object).
enum RecordOutput {
    /// `rows` as a table with `columns`, or `values` (the same rows, as JSON) in a JSON format.
    static func list<Row>(
        _ rows: [Row], columns: [TableColumn<Row>], json values: some Encodable, format: OutputFormat
    ) throws -> String {
        guard format == .table else { return try format.jsonText(values) }
        return TextTable(columns: columns, rows: rows).rendered()
    }

    /// One `row` as `key | value` lines, followed by `tables` (each after a blank line), or `value` as
    /// JSON in a JSON format.
    static func detail<Row>(
        _ row: Row, columns: [TableColumn<Row>], tables: [TextTable] = [], json value: some Encodable,
        format: OutputFormat
    ) throws -> String {
        guard format == .table else { return try format.jsonText(value) }
        let main = TextTable.keyValue(columns: columns, row: row).rendered()
        return ([main] + tables.map { "\n" + $0.rendered() }).joined()
    }
}
