import ArgumentParser

/// `doublezero global-config authority`: the activator and sentinel keys.
struct AuthorityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority",
        abstract: "Show or change the activator and sentinel keys.",
        discussion: """
            The activator key signs activations, rejections and closures; the sentinel key may manage \
            access passes. `doublezero init` gives both to the founding key.
            """,
        subcommands: [GetAuthority.self, SetAuthority.self]
    )
}
