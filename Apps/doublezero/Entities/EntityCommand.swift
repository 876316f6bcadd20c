import ArgumentParser

/// The command group of one administered kind: `doublezero <kind> create|update|delete|list|get|…`,
/// with the verbs the kind lists.
struct EntityCommand<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Entity.commandName,
            abstract: Entity.abstract,
            discussion: Entity.discussion,
            subcommands: Entity.subcommands
        )
    }
}
