import ArgumentParser

/// Locations: the data-centre sites where devices stand.
enum Locations: AdministeredEntity {
    static let commandName = "location"
    static let noun = "location"
    static let abstract = "Manage locations: the data-centre sites where devices stand."
    static let discussion = """
        A location has a code (e.g. ny5), a name, a two-letter country code and coordinates. Every \
        device names the location it stands in; a location cannot be deleted while devices refer to it.
        """

    /// `location create` flags.
    struct CreateFields: ParsableArguments {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. ny5).", valueName: "code"))
        var code: String

        /// Human-readable name.
        @Option(name: .long, help: ArgumentHelp("Name, up to 64 characters (e.g. \"New York 5\").", valueName: "name"))
        var name: String

        /// ISO 3166 two-letter country code.
        @Option(name: .long, help: ArgumentHelp("Two-letter country code (e.g. US).", valueName: "cc"))
        var country: String

        /// Coordinates.
        @OptionGroup var coordinates: CoordinateFields

        /// Free-form numeric site ID.
        @Option(name: .long, help: ArgumentHelp("Free-form numeric site ID.", valueName: "id"))
        var locId: UInt32?

        /// Rejects a country code that is not two letters.
        func validate() throws { try Locations.checkCountry(country) }
    }

    /// `location update` flags.
    struct UpdateFields: ParsableArguments {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New name.
        @Option(name: .long, help: ArgumentHelp("New name.", valueName: "name"))
        var name: String?

        /// New country code.
        @Option(name: .long, help: ArgumentHelp("New two-letter country code.", valueName: "cc"))
        var country: String?

        /// New coordinates.
        @OptionGroup var coordinates: CoordinateChanges

        /// New site ID.
        @Option(name: .long, help: ArgumentHelp("New numeric site ID.", valueName: "id"))
        var locId: UInt32?

        /// Rejects a country code that is not two letters.
        func validate() throws {
            if let country { try Locations.checkCountry(country) }
        }
    }

    /// Throws a `ValidationError` unless `country` is two ASCII letters.
    static func checkCountry(_ country: String) throws {
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("--country must be a two-letter country code such as US (got '\(country)').")
        }
    }
}
