/// Latitude and longitude rules shared by locations and exchanges.
public enum Coordinates {
    /// Checks that latitude is in −90...90 and longitude in −180...180 (and neither is NaN).
    ///
    /// - Throws: ``ProgramError`` with `InvalidLatitude` or `InvalidLongitude`.
    public static func validate(latitude: Double, longitude: Double) throws(ProgramError) {
        guard (-90.0...90.0).contains(latitude) else {
            throw ProgramError(.invalidLatitude, "latitude \(latitude) is outside -90...90", field: "lat")
        }
        guard (-180.0...180.0).contains(longitude) else {
            throw ProgramError(.invalidLongitude, "longitude \(longitude) is outside -180...180", field: "lng")
        }
    }
}
