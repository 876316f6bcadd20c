/// Creates an activated exchange; its BGP community comes from next_bgp_community (RFC 6).
public struct CreateExchangeArgs: Hashable, Sendable, Codable {
    /// Unique code.
    public var code: String
    /// Display name.
    public var name: String
    /// Latitude.
    public var latitude: Double
    /// Longitude.
    public var longitude: Double

    /// Creates the arguments.
    public init(code: String, name: String, latitude: Double, longitude: Double) {
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
    }

    private enum CodingKeys: String, CodingKey {
        case code
        case name
        case latitude = "lat"
        case longitude = "lng"
    }
}

/// Updates an exchange; absent fields stay as they are. Only the foundation may set bgp_community.
public struct UpdateExchangeArgs: Hashable, Sendable, Codable {
    /// The exchange.
    public var pubkey: PublicKey
    /// New code.
    public var code: String?
    /// New name.
    public var name: String?
    /// New latitude.
    public var latitude: Double?
    /// New longitude.
    public var longitude: Double?
    /// A fixed community value (10000...10999, unused by any other exchange).
    public var bgpCommunity: UInt16?

    /// Creates the arguments.
    public init(
        pubkey: PublicKey, code: String? = nil, name: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
        bgpCommunity: UInt16? = nil
    ) {
        self.pubkey = pubkey
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.bgpCommunity = bgpCommunity
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey
        case code
        case name
        case latitude = "lat"
        case longitude = "lng"
        case bgpCommunity = "bgp_community"
    }
}
