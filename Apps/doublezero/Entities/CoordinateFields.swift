import ArgumentParser
import CommandLineSupport
import Models

/// `--lat` and `--lng` of a new location or exchange, checked with Models' coordinate rules.
///
/// Each flag takes the next argument as its value even when it starts with `-`, so
/// `--lat -33.87` works.
struct CoordinateFields: ParsableArguments {
    /// Latitude in degrees, −90 to 90.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Latitude in degrees, -90 to 90.", valueName: "degrees"))
    var lat: Double

    /// Longitude in degrees, −180 to 180.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Longitude in degrees, -180 to 180.", valueName: "degrees"))
    var lng: Double

    /// Rejects out-of-range coordinates (a usage error naming the flag).
    func validate() throws {
        try ProgramError.checkingUsage { () throws(ProgramError) in
            try Coordinates.validate(latitude: lat, longitude: lng)
        }
    }
}
