import ArgumentParser

/// Multicast groups: the channels publishers send to and subscribers join.
enum MulticastGroups: AdministeredEntity {
    static let commandName = "multicast-group"
    static let noun = "multicast group"
    static let abstract = "Manage multicast groups: the channels publishers send to and subscribers join."
    static let discussion = """
        A group gets a multicast address from the global config's multicast group block when the \
        activator activates it. Publishers get their DoubleZero IP from the global publisher pool; \
        who may publish or subscribe is set on each host's access pass.
        """

    /// `multicast-group create` flags.
    struct CreateFields: ParsableArguments {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. mg01).", valueName: "code"))
        var code: String

        /// Bandwidth cap.
        @Option(name: .long, help: ArgumentHelp("Bandwidth cap, more than 0 (e.g. 10Gbps).", valueName: "bandwidth"))
        var maxBandwidth: String

        /// Owner key.
        @Option(name: .long, help: ArgumentHelp("The owning key (base58, or `me`).", valueName: "pubkey"))
        var owner: String
    }

    /// `multicast-group update` flags.
    struct UpdateFields: ParsableArguments {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New address.
        @Option(name: .long, help: ArgumentHelp("New multicast IPv4 address (224.0.0.0/4).", valueName: "ipv4"))
        var multicastIP: String?

        /// New bandwidth cap.
        @Option(name: .long, help: ArgumentHelp("New bandwidth cap.", valueName: "bandwidth"))
        var maxBandwidth: String?

        /// Corrected publisher count.
        @Option(name: .long, help: ArgumentHelp("Corrected number of publishers.", valueName: "count"))
        var publisherCount: Int?

        /// Corrected subscriber count.
        @Option(name: .long, help: ArgumentHelp("Corrected number of subscribers.", valueName: "count"))
        var subscriberCount: Int?

        /// New owner.
        @Option(name: .long, help: ArgumentHelp("New owning key (base58, or `me`).", valueName: "pubkey"))
        var owner: String?
    }
}
