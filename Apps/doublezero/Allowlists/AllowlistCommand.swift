import ArgumentParser

/// `doublezero multicast-group allowlist`: who may publish to or subscribe to a group.
struct AllowlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allowlist",
        abstract: "Manage a group's allowlists: the client keys that may publish to or subscribe to it.",
        discussion: "The group owner or a foundation member edits them; keys are access-pass user payers.",
        subcommands: [AllowlistRoleCommand<PublisherAllowlist>.self, AllowlistRoleCommand<SubscriberAllowlist>.self]
    )
}

/// `doublezero multicast-group allowlist publisher|subscriber`: one of the two lists.
struct AllowlistRoleCommand<Role: MulticastAllowlistRole>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Role.commandName,
            abstract: "The client keys that may \(Role.verbPhrase) a group.",
            subcommands: [ListAllowlist<Role>.self, AddToAllowlist<Role>.self, RemoveFromAllowlist<Role>.self]
        )
    }
}
