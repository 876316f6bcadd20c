import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> delete`: submits a signed delete of one account.
struct DeleteEntity<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delete",
            abstract: "Delete \(Entity.nounWithArticle).",
            discussion: """
                Fails while other accounts still refer to it. Accounts holding resources go to Deleting \
                until the activator releases them and closes the account; --wait waits for that.
                """,
            aliases: Entity.deleteAliases
        )
    }

    /// Which account to delete.
    @OptionGroup var account: AccountSelector

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// The signing key.
    @OptionGroup var keypair: KeypairOption

    /// Whether to wait until the account is closed.
    @OptionGroup var wait: WaitOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: Entity.feature("delete"), issue: .ledger)
    }
}
