import ArgumentParser
import CommandLineSupport
import Models

/// Optional `--lat` and `--lng` of an `update`, checked with Models' coordinate rules when given.
struct CoordinateChanges: ParsableArguments {
    /// New latitude in degrees, −90 to 90.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("New latitude in degrees, -90 to 90.", valueName: "degrees"))
    var lat: Double?

    /// New longitude in degrees, −180 to 180.
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("New longitude in degrees, -180 to 180.", valueName: "degrees"))
    var lng: Double?

    /// Rejects out-of-range coordinates (a usage error naming the flag).
    func validate() throws {
        try ProgramError.checkingUsage { () throws(ProgramError) in
            try Coordinates.validate(latitude: lat ?? 0, longitude: lng ?? 0)
        }
    }
}
