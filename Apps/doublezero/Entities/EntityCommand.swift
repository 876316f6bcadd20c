import ArgumentParser

/// The command group of one administered kind: `doublezero <kind> create|update|delete|list|get`.
struct EntityCommand<Entity: AdministeredEntity>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Entity.commandName,
            abstract: Entity.abstract,
            discussion: Entity.discussion,
            subcommands: [
                CreateEntity<Entity>.self, UpdateEntity<Entity>.self, DeleteEntity<Entity>.self,
                ListEntities<Entity>.self, GetEntity<Entity>.self,
            ]
        )
    }
}
