/// Rows of text cells printed in aligned columns, in the upstream CLI's style.
///
/// Every line starts with a space and separates cells with ` | `; each column is as wide as its
/// widest cell; trailing spaces are dropped. A table with a header prints it as the first line (and no
/// rule under it); a key/value table (``keyValue(_:)``) has no header.
///
/// ```
///  account | code | name
///  7xK…    | ny5  | New York 5
/// ```
public struct TextTable: Sendable, Hashable {
    /// The column titles, or nil for a table without a header line.
    public let header: [String]?

    /// The rows of cells; every row has as many cells as the header (or the first row).
    public let rows: [[String]]

    /// Creates a table from cells.
    public init(header: [String]?, rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// A table of `rows` with one column per entry of `columns`, titled with their headers.
    public init<Row>(columns: [TableColumn<Row>], rows: [Row]) {
        self.init(header: columns.map(\.header), rows: rows.map { row in columns.map { $0.value(row) } })
    }

    /// A headerless two-column table of `key | value` lines, as `get` commands print.
    public static func keyValue(_ pairs: [(key: String, value: String)]) -> TextTable {
        TextTable(header: nil, rows: pairs.map { [$0.key, $0.value] })
    }

    /// A headerless key/value table of `row`'s cells, one line per column (`header | value`).
    public static func keyValue<Row>(columns: [TableColumn<Row>], row: Row) -> TextTable {
        keyValue(columns.map { (key: $0.header, value: $0.value(row)) })
    }

    /// The table as text: one line per row (after the header, if any), each ending in a newline.
    public func rendered() -> String {
        let lines = (header.map { [$0] } ?? []) + rows
        let columnCount = lines.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columnCount)
        for line in lines {
            for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return lines.map { line in
            let cells = line.enumerated().map { index, cell in
                cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            var text = " " + cells.joined(separator: " | ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }.joined()
    }
}
