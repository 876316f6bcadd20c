import ArgumentParser
import CommandLineSupport

/// `doublezero <kind> create`: submits a signed create instruction for a new account of one kind.
struct CreateEntity<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "create",
            abstract: "Create \(Entity.nounWithArticle).",
            discussion: """
                Submits a signed create transaction and prints its signature. Kinds that need resources \
                (addresses, IDs) start Pending until the activator allocates them; --wait waits for that.
                """,
            aliases: Entity.createAliases
        )
    }

    /// The new account's fields.
    @OptionGroup(title: "Fields") var fields: Entity.CreateFields

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// The signing key.
    @OptionGroup var keypair: KeypairOption

    /// Whether to wait for activation.
    @OptionGroup var wait: WaitOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: Entity.feature("create"), issue: .ledger)
    }
}
