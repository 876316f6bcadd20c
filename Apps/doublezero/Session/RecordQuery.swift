import Foundation
import Ledger
import Models

/// Which records a `list` shows: field conditions the ledger checks (an ``EntityFilter``) plus
/// checks the CLI runs on the records it gets back (several allowed values, substrings, arrays).
struct RecordQuery<Record: LedgerRecord> {
    /// Field (snake_case JSON name) to required value, checked by the ledger.
    private(set) var conditions: [String: String] = [:]
    /// Checks run on the returned records.
    private var predicates: [(Record) -> Bool] = []

    /// Matches every record.
    init() {}

    /// The ledger-side part of the query.
    var filter: EntityFilter { EntityFilter(conditions) }

    /// Whether `record` passes the CLI-side checks.
    func matches(_ record: Record) -> Bool {
        predicates.allSatisfy { $0(record) }
    }

    /// Requires the JSON field `field` (read from records through `keyPath`) to be one of `values`;
    /// no values means no requirement. One value becomes a ledger-side condition.
    mutating func require<Value: Encodable & Equatable>(
        _ field: String, _ keyPath: KeyPath<Record, Value>, in values: [Value]
    ) {
        switch values.count {
        case 0: break
        case 1: conditions[field] = Self.filterText(of: values[0])
        default: predicates.append { values.contains($0[keyPath: keyPath]) }
        }
    }

    /// Requires the JSON field `field` to equal `value`, when one is given.
    mutating func require<Value: Encodable & Equatable>(
        _ field: String, _ keyPath: KeyPath<Record, Value>, equals value: Value?
    ) {
        require(field, keyPath, in: value.map { [$0] } ?? [])
    }

    /// Requires the record's code to contain `text` (ignoring case), when text is given.
    mutating func requireCode(containing text: String?) {
        guard let text else { return }
        predicates.append { $0.lookupCode?.localizedCaseInsensitiveContains(text) ?? false }
    }

    /// Adds a check run on the returned records.
    mutating func require(_ predicate: @escaping (Record) -> Bool) {
        predicates.append(predicate)
    }

    /// The text ``EntityFilter`` compares a field's JSON scalar as: a JSON string's contents, or the
    /// JSON text of a number or boolean.
    private static func filterText(of value: some Encodable) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data()
        return (try? JSONDecoder().decode(String.self, from: data)) ?? String(decoding: data, as: UTF8.self)
    }
}
