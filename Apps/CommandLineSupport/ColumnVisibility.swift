/// When a ``TableColumn`` is shown.
public enum ColumnVisibility: Sendable, Hashable {
    /// In every list and in `get`.
    case always
    /// In lists unless `--narrow` is given, and in `get`.
    case wide
    /// Only in `get` (the one-account view), never in lists.
    case detail
}
