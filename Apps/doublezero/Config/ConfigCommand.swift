import ArgumentParser

/// `doublezero config`: the ledger, key file and doublezerod socket the CLI uses when a command does
/// not name them.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or save the ledger, key file and doublezerod socket commands use by default.",
        discussion: """
            Every command takes its ledger, key file and doublezerod socket from the first of: its flag \
            (--ledger, --keypair, --sock-file), the environment (DOUBLEZERO_LEDGER, DOUBLEZERO_KEYPAIR, \
            DOUBLEZERO_SOCKET), the config file, the default (key file ~/.config/doublezero/id.json, socket \
            /run/doublezerod/doublezerod.sock; the ledger has no default). So after \
            `doublezero config set --ledger http://127.0.0.1:7850`, ledger verbs need no --ledger.

            The config file is ~/.config/doublezero/config.yml (DOUBLEZERO_CONFIG names another one): \
            YAML `key: value` lines with the keys ledger, keypair_path and sock_file. `config set` writes \
            it and keeps any other keys and comments in it.
            """,
        subcommands: [GetConfig.self, SetConfig.self]
    )
}
