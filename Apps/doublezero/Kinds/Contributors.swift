import ArgumentParser

/// Contributors: the organisations that own and run devices and links.
enum Contributors: AdministeredEntity {
    static let commandName = "contributor"
    static let noun = "contributor"
    static let abstract = "Manage contributors: the organisations that own and run devices and links."
    static let discussion = """
        A contributor's owner key manages its devices and links. A contributor cannot be deleted while \
        devices or links refer to it.
        """

    /// `contributor create` flags.
    struct CreateFields: ParsableArguments {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters.", valueName: "code"))
        var code: String

        /// The key that manages the contributor's devices and links.
        @Option(
            name: .long,
            help: ArgumentHelp("The key that manages its devices and links (base58, or `me`).", valueName: "pubkey"))
        var owner: String
    }

    /// `contributor update` flags.
    struct UpdateFields: ParsableArguments {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New owner key.
        @Option(name: .long, help: ArgumentHelp("New owner key (base58, or `me`).", valueName: "pubkey"))
        var owner: String?

        /// Operations manager key.
        @Option(name: .long, help: ArgumentHelp("Operations manager key (base58).", valueName: "pubkey"))
        var opsManager: String?
    }
}
