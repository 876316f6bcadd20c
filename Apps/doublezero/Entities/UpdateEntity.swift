import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> update`: submits a signed update of some fields of one account.
struct UpdateEntity<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "update",
            abstract: "Change fields of \(Entity.nounWithArticle).",
            discussion: "Only the fields given change. Submits a signed transaction and prints its signature."
        )
    }

    /// Which account to change.
    @OptionGroup var account: AccountSelector

    /// The fields to change.
    @OptionGroup(title: "Fields") var fields: Entity.UpdateFields

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// The signing key.
    @OptionGroup var keypair: KeypairOption

    /// Whether to wait until the change is applied.
    @OptionGroup var wait: WaitOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: Entity.feature("update"), issue: .ledger)
    }
}
