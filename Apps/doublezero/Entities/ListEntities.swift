import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> list`: prints the accounts of one kind as a table or JSON.
struct ListEntities<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: "List \(Entity.pluralNoun).",
            discussion: "Prints one row per account (a table, or JSON with --json / --json-compact)."
        )
    }

    /// Filters that narrow the rows.
    @OptionGroup(title: "Filters") var filters: Entity.ListFilters

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: LedgerOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: Entity.feature("list"), issue: .ledger)
    }
}
