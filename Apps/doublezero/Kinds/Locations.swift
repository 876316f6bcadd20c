import ArgumentParser
import Ledger
import Models

/// Locations: the data-centre sites where devices stand.
enum Locations: CreatableEntity, UpdatableEntity, DeletableEntity, SuspendableEntity {
    typealias Record = Location

    static let commandName = "location"
    static let noun = "location"
    static let abstract = "Manage locations: the data-centre sites where devices stand."
    static let discussion = """
        A location has a code (e.g. ny5), a name, a two-letter country code and coordinates. Every \
        device names the location it stands in; a location cannot be deleted while devices refer to it.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self, SuspendOrResumeEntity<Self, Suspension>.self,
            SuspendOrResumeEntity<Self, Resumption>.self,
        ]
    }

    static var columns: [RecordColumn<Location>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("code") { $0.code },
            .init("name") { $0.name },
            .init("country") { $0.country },
            .init("lat") { "\($0.latitude)" },
            .init("lng") { "\($0.longitude)" },
            .init("loc_id", .detail) { "\($0.locId)" },
            .init("reference_count", .detail) { "\($0.referenceCount)" },
            .init("status") { $0.status.rawValue },
            .init("owner") { $0.owner.base58 },
        ]
    }

    static func deleteInstruction(for record: Location) -> Instruction {
        .deleteLocation(PubkeyArgs(pubkey: record.pubkey))
    }
    static func suspendInstruction(_ key: PublicKey) -> Instruction { .suspendLocation(PubkeyArgs(pubkey: key)) }
    static func resumeInstruction(_ key: PublicKey) -> Instruction { .resumeLocation(PubkeyArgs(pubkey: key)) }

    /// `location create` flags.
    struct CreateFields: CreateInstructionFields {
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
        var locId: UInt32 = 0

        /// Rejects a country code that is not two letters.
        func validate() throws { try Locations.checkCountry(country) }

        /// CreateLocation.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            [
                .createLocation(
                    CreateLocationArgs(
                        code: code, name: name, country: country, latitude: coordinates.lat,
                        longitude: coordinates.lng, locId: locId))
            ]
        }
    }

    /// `location update` flags.
    struct UpdateFields: UpdateInstructionFields {
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

        /// UpdateLocation with the given fields.
        func instructions(updating record: Location, in session: LedgerSession) async throws -> [Instruction] {
            [
                .updateLocation(
                    UpdateLocationArgs(
                        pubkey: record.pubkey, code: code, name: name, country: country, latitude: coordinates.lat,
                        longitude: coordinates.lng, locId: locId))
            ]
        }
    }

    /// Throws a `ValidationError` unless `country` is two ASCII letters.
    static func checkCountry(_ country: String) throws {
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("--country must be a two-letter country code such as US (got '\(country)').")
        }
    }
}
