import ArgumentParser

/// `--lat` and `--lng` of a new location or exchange, range-checked.
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

    /// Rejects out-of-range coordinates.
    func validate() throws {
        try CoordinateChanges.check(lat: lat, lng: lng)
    }
}
