import ArgumentParser

/// `--pubkey PUBKEY|CODE`: the account that `update` and `delete` act on (upstream accepts either).
struct AccountSelector: ParsableArguments {
    /// The account's public key, or its code where the kind has codes.
    @Option(
        name: .long,
        help: ArgumentHelp("The account to act on: its public key, or its code where it has one.", valueName: "pubkey"))
    var pubkey: String
}
