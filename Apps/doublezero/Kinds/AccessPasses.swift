import ArgumentParser

/// Access passes: permission for a client key to connect from an IP.
enum AccessPasses: AdministeredEntity {
    typealias GetSelector = AccessPassSelector

    static let commandName = "access-pass"
    static let noun = "access pass"
    static let pluralNoun = "access passes"
    static let abstract = "Manage access passes: which client key may connect from which IP, and for how long."
    static let discussion = """
        A user can only be created for a (client IP, user payer) pair that holds a valid access pass. \
        Unicast users also need the pass to run until the current epoch; multicast users need the group \
        on the pass's publisher or subscriber allowlist. Upstream calls `create` `set` and `delete` \
        `close`; both names work.
        """
    static let createAliases = ["set"]
    static let deleteAliases = ["close"]

    /// `access-pass get`: picks a pass by its (client IP, user payer) pair.
    struct AccessPassSelector: ParsableArguments {
        /// The pass's client IP.
        @Option(name: .long, help: ArgumentHelp("The client IP the pass admits (0.0.0.0: any).", valueName: "ipv4"))
        var clientIP: String

        /// The pass's payer key.
        @Option(name: .long, help: ArgumentHelp("The client key it admits (base58, or `me`).", valueName: "pubkey"))
        var userPayer: String
    }

    /// `access-pass create` (`set`) flags.
    struct CreateFields: ParsableArguments {
        /// The kind of pass.
        @Option(name: .long, help: ArgumentHelp("The kind of pass.", valueName: "type"))
        var accesspassType = AccessPassTypeChoice.prepaid

        /// The IP it admits.
        @Option(name: .long, help: ArgumentHelp("The client IP it admits (0.0.0.0: any IP).", valueName: "ipv4"))
        var clientIP: String

        /// The key it admits.
        @Option(name: .long, help: ArgumentHelp("The client key it admits (base58, or `me`).", valueName: "pubkey"))
        var userPayer: String

        /// How many epochs it lasts.
        @Option(name: .long, help: ArgumentHelp("Epochs it lasts. (default: no end)", valueName: "count"))
        var epochs: UInt64?

        /// The validator or RPC node key for those pass types.
        @Option(
            name: .long, help: ArgumentHelp("The Solana node key (solana-validator, solana-rpc).", valueName: "pubkey"))
        var solanaValidator: String?

        /// The arrangement's name for `others` passes.
        @Option(name: .long, help: ArgumentHelp("What the pass is for (others).", valueName: "name"))
        var othersName: String?

        /// Let the payer connect from more than one IP.
        @Flag(name: .customLong("allow-multiple-ip"), help: "Let the payer connect from more than one IP.")
        var allowMultipleIP = false

        /// Unicast user cap.
        @Option(name: .long, help: ArgumentHelp("Most unicast users the pass admits at once.", valueName: "count"))
        var maxUnicastUsers = 1

        /// Multicast user cap.
        @Option(name: .long, help: ArgumentHelp("Most multicast users the pass admits at once.", valueName: "count"))
        var maxMulticastUsers = 1

        /// Groups the holder may publish to.
        @Option(name: .long, help: ArgumentHelp("A group the holder may publish to (repeatable).", valueName: "group"))
        var multicastPublisher: [String] = []

        /// Groups the holder may subscribe to.
        @Option(
            name: .long, help: ArgumentHelp("A group the holder may subscribe to (repeatable).", valueName: "group"))
        var multicastSubscriber: [String] = []

        /// Rejects a pass type without the key or name it needs.
        func validate() throws {
            let needsNodeKey = accesspassType == .solanaValidator || accesspassType == .solanaRPC
            if needsNodeKey && solanaValidator == nil {
                throw ValidationError("--accesspass-type \(accesspassType.rawValue) needs --solana-validator.")
            }
            if accesspassType == .others && othersName == nil {
                throw ValidationError("--accesspass-type others needs --others-name.")
            }
        }
    }

    /// `access-pass update` flags.
    struct UpdateFields: ParsableArguments {
        /// New length.
        @Option(name: .long, help: ArgumentHelp("Epochs it lasts from now.", valueName: "count"))
        var epochs: UInt64?

        /// New multiple-IP setting.
        @Flag(
            name: .customLong("allow-multiple-ip"), inversion: .prefixedNo,
            help: "Whether the payer may connect from more than one IP.")
        var allowMultipleIP: Bool?

        /// New unicast cap.
        @Option(name: .long, help: ArgumentHelp("New unicast user cap.", valueName: "count"))
        var maxUnicastUsers: Int?

        /// New multicast cap.
        @Option(name: .long, help: ArgumentHelp("New multicast user cap.", valueName: "count"))
        var maxMulticastUsers: Int?

        /// Groups to add to the publisher allowlist.
        @Option(name: .long, help: ArgumentHelp("Allow publishing to this group (repeatable).", valueName: "group"))
        var multicastPublisher: [String] = []

        /// Groups to add to the subscriber allowlist.
        @Option(name: .long, help: ArgumentHelp("Allow subscribing to this group (repeatable).", valueName: "group"))
        var multicastSubscriber: [String] = []
    }

    /// `access-pass list` filters.
    struct ListFilters: ParsableArguments {
        /// Only passes for this IP.
        @Option(name: .long, help: ArgumentHelp("Only passes for this client IP.", valueName: "ipv4"))
        var clientIP: String?

        /// Only passes for this payer.
        @Option(name: .long, help: ArgumentHelp("Only passes for this client key.", valueName: "pubkey"))
        var userPayer: String?

        /// Only passes of this kind.
        @Option(name: .long, help: ArgumentHelp("Only passes of this kind.", valueName: "type"))
        var accesspassType: AccessPassTypeChoice?

        /// Fewer columns.
        @Flag(name: .long, help: "Fewer columns.")
        var narrow = false
    }
}
