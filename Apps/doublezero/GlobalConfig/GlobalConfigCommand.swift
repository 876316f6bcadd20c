import ArgumentParser

/// `doublezero global-config`: the network-wide settings and authorities.
struct GlobalConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "global-config",
        abstract: "Show or change the network-wide settings: ASNs, address pools, authorities, epoch.",
        discussion: """
            The global config holds the ASNs of user BGP sessions, the pools the activator allocates from \
            (device tunnel block, user tunnel block, multicast group block, multicast publisher blocks) \
            and the next exchange BGP community. The tunnel and group blocks cannot change once set; \
            publisher blocks can only be added. The global state holds the foundation and QA allowlists, \
            the activator and sentinel keys and the epoch. Changes need a foundation member's key.
            """,
        subcommands: [
            GetGlobalConfig.self, SetGlobalConfig.self, AddPublisherBlock.self, AuthorityCommand.self,
            KeyListCommand<FoundationAllowlist>.self, KeyListCommand<QAAllowlist>.self, EpochCommand.self,
        ]
    )
}
