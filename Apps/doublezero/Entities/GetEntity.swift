import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> get`: prints one account as key/value lines or JSON.
struct GetEntity<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "get",
            abstract: "Show one \(Entity.noun).",
            discussion: "Prints every field as `key | value` lines, or JSON with --json."
        )
    }

    /// Which account to show.
    @OptionGroup var selector: Entity.GetSelector

    /// Key/value lines or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: LedgerOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: Entity.feature("get"), issue: .ledger)
    }
}
