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
            http(s):// URL of a doublezero-ledger server) and, to write, --keypair (your signing key). \
            Host verbs (connect, disconnect, status, latency) talk to doublezerod through its socket \
            (--sock-file). Read verbs take --json.

            \(ExitCode.summary)
            """,
        groupedSubcommands: [
            CommandGroup(
                name: "Keys and setup",
                subcommands: [KeygenCommand.self, AddressCommand.self, InitCommand.self, GlobalConfigCommand.self]),
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
                    ConnectCommand.self, DisconnectCommand.self, StatusCommand.self, LatencyCommand.self,
                ]),
        ]
    )
}
