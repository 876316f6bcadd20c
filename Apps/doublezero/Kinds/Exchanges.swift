import ArgumentParser

/// Exchanges: metro areas that group devices (RFC 6 metro routing).
enum Exchanges: AdministeredEntity {
    static let commandName = "exchange"
    static let noun = "exchange"
    static let abstract = "Manage exchanges: the metro areas that group devices."
    static let discussion = """
        An exchange is a metro (e.g. nyc). At creation it gets a unique BGP community from 10000–10999 \
        (taken from the global config's next_bgp_community). Devices tag their users' routes with \
        21682:1200 and 21682:<community>, and do not send users routes from their own metro, so \
        traffic inside a metro stays on the local internet. Fix a wrong value with \
        `exchange update --bgp-community`.
        """

    /// The range of exchange BGP communities.
    static let bgpCommunities: ClosedRange<Int> = 10000...10999

    /// `exchange create` flags.
    struct CreateFields: ParsableArguments {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. nyc).", valueName: "code"))
        var code: String

        /// Human-readable name.
        @Option(name: .long, help: ArgumentHelp("Name, up to 64 characters (e.g. \"New York\").", valueName: "name"))
        var name: String

        /// Coordinates of the metro.
        @OptionGroup var coordinates: CoordinateFields
    }

    /// `exchange update` flags.
    struct UpdateFields: ParsableArguments {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New name.
        @Option(name: .long, help: ArgumentHelp("New name.", valueName: "name"))
        var name: String?

        /// New coordinates.
        @OptionGroup var coordinates: CoordinateChanges

        /// Replacement BGP community.
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Replace the metro's BGP community (10000–10999; must not be used by another exchange).",
                valueName: "community"))
        var bgpCommunity: Int?

        /// Rejects a community outside 10000–10999.
        func validate() throws {
            if let bgpCommunity, !Exchanges.bgpCommunities.contains(bgpCommunity) {
                throw ValidationError("--bgp-community must be between 10000 and 10999 (got \(bgpCommunity)).")
            }
        }
    }
}
