/// A data-centre site where devices stand.
public struct Location: Hashable, Sendable, Codable {
    /// The entity key.
    public var pubkey: PublicKey
    /// The key that created it.
    public var owner: PublicKey
    /// The global account index taken at creation.
    public var index: UInt64
    /// Short unique code, for example `lax`.
    public var code: String
    /// Display name.
    public var name: String
    /// ISO 3166 two-letter country code.
    public var country: String
    /// Latitude in degrees.
    public var latitude: Double
    /// Longitude in degrees.
    public var longitude: Double
    /// Free-form numeric id.
    public var locId: UInt32
    /// Status.
    public var status: InfrastructureStatus
    /// Number of devices at this location; deletion needs 0.
    public var referenceCount: UInt32

    /// Creates a location.
    public init(
        pubkey: PublicKey, owner: PublicKey, index: UInt64, code: String, name: String, country: String,
        latitude: Double, longitude: Double, locId: UInt32 = 0, status: InfrastructureStatus = .activated,
        referenceCount: UInt32 = 0
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.index = index
        self.code = code
        self.name = name
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.locId = locId
        self.status = status
        self.referenceCount = referenceCount
    }

    /// Checks code, name, country and coordinates.
    public func validate() throws(ProgramError) {
        try AccountCode.validate(code)
        try AccountCode.validateName(name)
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ProgramError(
                .invalidCountryCode, "country '\(country)' must be a two-letter code such as US", field: "country")
        }
        try Coordinates.validate(latitude: latitude, longitude: longitude)
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner, index, code, name, country
        case latitude = "lat"
        case longitude = "lng"
        case locId = "loc_id"
        case status
        case referenceCount = "reference_count"
    }
}
