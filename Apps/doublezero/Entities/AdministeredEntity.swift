import ArgumentParser

/// A kind of ledger account that the CLI administers with `create`, `update`, `delete`, `list` and `get`.
///
/// A kind declares its names, help text and the flags of each verb (as `ParsableArguments` types);
/// ``EntityCommand`` turns that into the five subcommands, so the verbs themselves are written once.
protocol AdministeredEntity {
    /// The flags of `create` (the new account's fields).
    associatedtype CreateFields: ParsableArguments
    /// The flags of `update` (the fields to change, all optional).
    associatedtype UpdateFields: ParsableArguments
    /// The flags of `list` that narrow the rows.
    associatedtype ListFilters: ParsableArguments = NoListFilters
    /// The flags of `get` that pick one account.
    associatedtype GetSelector: ParsableArguments = CodeSelector

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
    /// Other names accepted for `create` (e.g. upstream's `set` for access passes).
    static var createAliases: [String] { get }
    /// Other names accepted for `delete` (e.g. upstream's `close` for access passes).
    static var deleteAliases: [String] { get }
}

extension AdministeredEntity {
    /// The noun with its indefinite article, e.g. `a device`, `an exchange`.
    static var nounWithArticle: String {
        let startsWithVowel = noun.first.map { "aeiou".contains($0) } ?? false
        return (startsWithVowel ? "an " : "a ") + noun
    }
    /// The noun with an `s`, for kinds whose plural is regular.
    static var pluralNoun: String { noun + "s" }
    /// No other names for `create`.
    static var createAliases: [String] { [] }
    /// No other names for `delete`.
    static var deleteAliases: [String] { [] }
    /// The verb as a person types it, e.g. `doublezero device create`, for messages.
    static func feature(_ verb: String) -> String { "doublezero \(commandName) \(verb)" }
}
