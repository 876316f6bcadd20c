/// A metro area (RFC 6): devices are grouped into exchanges, and each exchange's users are tagged
/// with the exchange's BGP community.
public struct Exchange: Hashable, Sendable, Codable {
    /// The valid range of exchange BGP communities (RFC 6); the community is `21682:<value>`.
    public static let bgpCommunityRange: ClosedRange<UInt16> = 10_000...10_999

    /// The entity key.
    public var pubkey: PublicKey
    /// The key that created it.
    public var owner: PublicKey
    /// The global account index taken at creation.
    public var index: UInt64
    /// Short unique code, for example `xlax`.
    public var code: String
    /// Display name.
    public var name: String
    /// Latitude in degrees.
    public var latitude: Double
    /// Longitude in degrees.
    public var longitude: Double
    /// The metro community value (10000...10999), assigned from `next_bgp_community` at creation.
    public var bgpCommunity: UInt16
    /// Status.
    public var status: InfrastructureStatus
    /// Number of devices in this exchange; deletion needs 0.
    public var referenceCount: UInt32
    /// Optional first switch of the metro.
    public var device1: PublicKey?
    /// Optional second switch of the metro; differs from `device1`.
    public var device2: PublicKey?

    /// Creates an exchange.
    public init(
        pubkey: PublicKey, owner: PublicKey, index: UInt64, code: String, name: String, latitude: Double,
        longitude: Double, bgpCommunity: UInt16, status: InfrastructureStatus = .activated,
        referenceCount: UInt32 = 0, device1: PublicKey? = nil, device2: PublicKey? = nil
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.index = index
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.bgpCommunity = bgpCommunity
        self.status = status
        self.referenceCount = referenceCount
        self.device1 = device1
        self.device2 = device2
    }

    /// Checks a community value against ``bgpCommunityRange``.
    ///
    /// - Throws: ``ProgramError`` with `InvalidBgpCommunity`.
    public static func validateBgpCommunity(_ value: UInt16) throws(ProgramError) {
        guard bgpCommunityRange.contains(value) else {
            throw ProgramError(
                .invalidBgpCommunity,
                "bgp_community \(value) is outside \(bgpCommunityRange.lowerBound)...\(bgpCommunityRange.upperBound)",
                field: "bgp_community")
        }
    }

    /// Checks code, name, coordinates, community and the two switch slots.
    public func validate() throws(ProgramError) {
        try AccountCode.validate(code)
        try AccountCode.validateName(name)
        try Coordinates.validate(latitude: latitude, longitude: longitude)
        try Self.validateBgpCommunity(bgpCommunity)
        if let device1, device1 == device2 {
            throw ProgramError(
                .invalidDevicePubkey, "device1 and device2 must differ (both \(device1))", field: "device2")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner, index, code, name
        case latitude = "lat"
        case longitude = "lng"
        case bgpCommunity = "bgp_community"
        case status
        case referenceCount = "reference_count"
        case device1 = "device1_pk"
        case device2 = "device2_pk"
    }
}
