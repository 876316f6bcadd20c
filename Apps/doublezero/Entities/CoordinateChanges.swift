import ArgumentParser

/// Optional `--lat` and `--lng` of an `update`, range-checked when given.
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

    /// Rejects out-of-range coordinates.
    func validate() throws {
        try Self.check(lat: lat, lng: lng)
    }

    /// Throws a `ValidationError` naming the flag when a given coordinate is out of range.
    static func check(lat: Double?, lng: Double?) throws {
        if let lat, !(-90...90).contains(lat) {
            throw ValidationError("--lat must be between -90 and 90 (got \(lat)).")
        }
        if let lng, !(-180...180).contains(lng) {
            throw ValidationError("--lng must be between -180 and 180 (got \(lng)).")
        }
    }
}
