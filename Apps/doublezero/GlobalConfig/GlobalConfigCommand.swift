import ArgumentParser

/// `doublezero global-config`: the network-wide settings.
struct GlobalConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "global-config",
        abstract: "Show or change the network-wide settings: ASNs, address pools, next BGP community.",
        discussion: """
            The global config holds the ASNs of user BGP sessions, the pools the activator allocates from \
            (device tunnel block, user tunnel block, multicast group block, multicast publisher block) \
            and the next exchange BGP community. The tunnel and group blocks cannot change once set.
            """,
        subcommands: [GetGlobalConfig.self, SetGlobalConfig.self]
    )
}
