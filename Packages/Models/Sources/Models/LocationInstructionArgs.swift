/// Creates an activated location.
public struct CreateLocationArgs: Hashable, Sendable, Codable {
    /// Unique code.
    public var code: String
    /// Display name.
    public var name: String
    /// Two-letter country code.
    public var country: String
    /// Latitude.
    public var latitude: Double
    /// Longitude.
    public var longitude: Double
    /// Free-form id.
    public var locId: UInt32

    /// Creates the arguments.
    public init(code: String, name: String, country: String, latitude: Double, longitude: Double, locId: UInt32 = 0) {
        self.code = code
        self.name = name
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.locId = locId
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case name
        case country
        case latitude = "lat"
        case longitude = "lng"
        case locId = "loc_id"
    }

    /// Decodes the arguments; fields with defaults may be omitted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        country = try container.decode(String.self, forKey: .country)
        latitude = try container.decode(Double.self, forKey: .latitude)
        longitude = try container.decode(Double.self, forKey: .longitude)
        locId = try container.decodeIfPresent(UInt32.self, forKey: .locId) ?? 0
    }
}

/// Updates a location; absent fields stay as they are.
public struct UpdateLocationArgs: Hashable, Sendable, Codable {
    /// The location.
    public var pubkey: PublicKey
    /// New code.
    public var code: String?
    /// New name.
    public var name: String?
    /// New country.
    public var country: String?
    /// New latitude.
    public var latitude: Double?
    /// New longitude.
    public var longitude: Double?
    /// New id.
    public var locId: UInt32?

    /// Creates the arguments.
    public init(
        pubkey: PublicKey, code: String? = nil, name: String? = nil, country: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil, locId: UInt32? = nil
    ) {
        self.pubkey = pubkey
        self.code = code
        self.name = name
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
        self.locId = locId
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case code
        case name
        case country
        case latitude = "lat"
        case longitude = "lng"
        case locId = "loc_id"
    }
}
