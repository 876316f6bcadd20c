import ArgumentParser
import CommandLineSupport
import Ledger

/// A kind of ledger account the CLI administers: its names and help, how its records look in tables,
/// which verbs it has, and how `list` and `get` pick records.
///
/// The verbs themselves (``CreateEntity``, ``ListEntities``, …) are written once, generic over the
/// kind; a kind adopts ``CreatableEntity``, ``UpdatableEntity``, ``DeletableEntity`` and
/// ``SuspendableEntity`` for the verbs it has, and lists them in ``subcommands``.
protocol AdministeredEntity {
    /// The Models type of the records.
    associatedtype Record: LedgerRecord
    /// The flags of `list` that narrow the rows.
    associatedtype ListFilters: ListFiltering = NoListFilters<Record> where ListFilters.Record == Record
    /// The flags of `get` that pick one record.
    associatedtype GetSelector: RecordSelecting = CodeSelector

    /// The subcommand name, singular kebab-case (e.g. `multicast-group`).
    static var commandName: String { get }
    /// The kind as a phrase in help text (e.g. `multicast group`).
    static var noun: String { get }
    /// The noun's plural (e.g. `multicast groups`).
    static var pluralNoun: String { get }
    /// One line on what these accounts are.
    static var abstract: String { get }
    /// A paragraph on their role in the network.
    static var discussion: String { get }
    /// The verbs, in the order help lists them.
    static var subcommands: [any ParsableCommand.Type] { get }

    /// The table columns, in order (list tables and `get` lines).
    static var columns: [RecordColumn<Record>] { get }
    /// The kinds whose accounts the columns refer to (fetched once for a table).
    static var referencedKinds: [EntityKind] { get }
    /// The text rows are sorted by in a list.
    static func sortKey(of row: AccountRow<Record>) -> String
    /// More tables `get` prints under the record's own lines (e.g. a device's interfaces).
    static func detailTables(of row: AccountRow<Record>) -> [TextTable]
}

extension AdministeredEntity {
    /// The noun with its indefinite article, e.g. `a device`, `an exchange`, `a user` (no kind's noun
    /// starts with a vowel sound other than a, e, i or o).
    static var nounWithArticle: String {
        let startsWithVowel = noun.first.map { "aeio".contains($0) } ?? false
        return (startsWithVowel ? "an " : "a ") + noun
    }
    /// The noun with an `s`, for kinds whose plural is regular.
    static var pluralNoun: String { noun + "s" }
    /// No referenced accounts.
    static var referencedKinds: [EntityKind] { [] }
    /// By code (then key), for kinds with codes; by key otherwise.
    static func sortKey(of row: AccountRow<Record>) -> String {
        (row.record.lookupCode ?? "") + "\u{0}" + row.record.pubkey.base58
    }
    /// No further tables.
    static func detailTables(of row: AccountRow<Record>) -> [TextTable] { [] }
}
