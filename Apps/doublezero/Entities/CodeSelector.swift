import ArgumentParser

/// `--code CODE`: picks one account by its code (or public key), as upstream `get --code` does.
struct CodeSelector: ParsableArguments {
    /// The account's code or public key.
    @Option(name: .long, help: ArgumentHelp("The account's code (or its public key).", valueName: "code"))
    var code: String
}
