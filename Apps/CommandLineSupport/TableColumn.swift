/// One column of a ``TextTable``: its title, when it is shown, and how a row fills it.
///
/// Commands declare the columns of each kind of row once and use them for list tables (one line per
/// row) and for `get` (one `title | value` line per column).
public struct TableColumn<Row> {
    /// The title, snake_case as upstream prints it (e.g. `bgp_community`); also the key in `get` output.
    public let header: String

    /// When the column is shown.
    public let visibility: ColumnVisibility

    /// The cell text for a row.
    public let value: (Row) -> String

    /// Creates a column titled `header`, shown as `visibility` says, filled by `value`.
    public init(_ header: String, _ visibility: ColumnVisibility = .always, value: @escaping (Row) -> String) {
        self.header = header
        self.visibility = visibility
        self.value = value
    }
}

extension Array {
    /// The columns a list shows: without the wide ones when `narrow`, never the detail-only ones.
    public func listed<Row>(narrow: Bool) -> [TableColumn<Row>] where Element == TableColumn<Row> {
        filter { column in
            switch column.visibility {
            case .always: true
            case .wide: !narrow
            case .detail: false
            }
        }
    }
}
