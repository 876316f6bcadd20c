import ArgumentParser
import CommandLineSupport

/// `doublezero`: the command-line interface to the DoubleZero network.
@main
struct DoubleZeroCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezero",
        abstract: "Administer the DoubleZero ledger and connect this host to DoubleZero.",
        discussion: """
            DoubleZero is a network of routers (devices) in data centres, grouped into metros (exchanges) \
            and joined by links. Servers (users) connect to a device over a GRE tunnel and reach other \
            users over the network instead of the public internet. All shared state lives in the ledger.

            Ledger verbs read and write that state: give --ledger (a ledger file on this host, or the \
            http(s):// URL of a doublezero-ledger server) and, to write, --keypair (your signing key; \
            default ~/.config/doublezero/id.json). Host verbs (connect, disconnect, status, latency, routes, \
            enable, disable) talk to doublezerod through its socket (--sock-file; default /run/doublezerod/doublezerod.sock). \
            Read verbs take --json.

            Give the ledger once instead of on every command: `doublezero config set --ledger URL` saves \
            it (with --keypair and --sock-file too) in ~/.config/doublezero/config.yml. A flag beats the \
            environment (DOUBLEZERO_LEDGER, DOUBLEZERO_KEYPAIR, DOUBLEZERO_SOCKET, DOUBLEZERO_CONFIG for \
            another config file), which beats the config file, which beats the default; \
            `doublezero config get` shows what is in effect and why.

            \(ExitCode.summary)
            """,
        groupedSubcommands: [
            CommandGroup(
                name: "Keys and setup",
                subcommands: [
                    KeygenCommand.self, AddressCommand.self, ConfigCommand.self, InitCommand.self,
                    GlobalConfigCommand.self,
                ]),
            CommandGroup(
                name: "Ledger administration",
                subcommands: [
                    EntityCommand<Locations>.self, EntityCommand<Exchanges>.self, EntityCommand<Contributors>.self,
                    EntityCommand<Devices>.self, EntityCommand<Links>.self, EntityCommand<Users>.self,
                    EntityCommand<MulticastGroups>.self, EntityCommand<AccessPasses>.self,
                ]),
            CommandGroup(
                name: "This host (through doublezerod)",
                subcommands: [
                    ConnectCommand.self, DisconnectCommand.self, MulticastCommand.self, StatusCommand.self,
                    LatencyCommand.self, RoutesCommand.self, EnableCommand.self, DisableCommand.self,
                ]),
        ]
    )
}
