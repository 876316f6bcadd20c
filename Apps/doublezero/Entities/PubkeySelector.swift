import ArgumentParser

/// `--pubkey PUBKEY`: picks one account by its public key, for kinds that have no code (users).
struct PubkeySelector: ParsableArguments {
    /// The account's public key (base58).
    @Option(name: .long, help: ArgumentHelp("The account's public key (base58).", valueName: "pubkey"))
    var pubkey: String
}
