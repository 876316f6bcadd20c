import Foundation

extension OutputFormat {
    /// `value` as JSON text in this format: pretty (sorted keys, two-space indentation) for ``json``,
    /// one line for ``jsonCompact``; both end with a newline. Slashes are not escaped, so prefixes
    /// read `10.0.0.0/8`.
    ///
    /// - Precondition: the format is not ``table``.
    public func jsonText(_ value: some Encodable) throws -> String {
        precondition(self != .table, "a table is not JSON")
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            self == .json
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
