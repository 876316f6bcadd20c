import Models
import Routing

/// The path attributes of an UPDATE (RFC 4271 §5), decoded where DoubleZero needs them.
///
/// Absent attributes are `nil`. The encoder writes the known attributes in type-code order,
/// then ``other`` in its order.
public struct BGPPathAttributes: Hashable, Sendable {
    /// ORIGIN (type 1, well-known mandatory).
    public var origin: BGPOrigin?
    /// AS_PATH (type 2, well-known mandatory); an empty array is a present but empty path.
    public var asPath: [BGPASPathSegment]?
    /// NEXT_HOP (type 3, well-known mandatory).
    public var nextHop: IPv4Address?
    /// MULTI_EXIT_DISC (type 4, optional non-transitive).
    public var multiExitDiscriminator: UInt32?
    /// LOCAL_PREF (type 5, well-known; only between internal peers).
    public var localPreference: UInt32?
    /// ATOMIC_AGGREGATE (type 6, well-known discretionary, no value).
    public var atomicAggregate: Bool
    /// COMMUNITIES (type 8, optional transitive, RFC 1997).
    public var communities: [BGPCommunity]?
    /// Every other attribute, as sent.
    public var other: [BGPRawAttribute]

    /// Creates attributes; everything defaults to absent.
    public init(
        origin: BGPOrigin? = nil, asPath: [BGPASPathSegment]? = nil, nextHop: IPv4Address? = nil,
        multiExitDiscriminator: UInt32? = nil, localPreference: UInt32? = nil, atomicAggregate: Bool = false,
        communities: [BGPCommunity]? = nil, other: [BGPRawAttribute] = []
    ) {
        self.origin = origin
        self.asPath = asPath
        self.nextHop = nextHop
        self.multiExitDiscriminator = multiExitDiscriminator
        self.localPreference = localPreference
        self.atomicAggregate = atomicAggregate
        self.communities = communities
        self.other = other
    }

    /// No attributes at all: what an UPDATE that only withdraws carries.
    public static let none = BGPPathAttributes()

    /// The AS numbers of the path, segments concatenated (sets included as sent).
    public var asNumbers: [UInt32] { (asPath ?? []).flatMap(\.asns) }
}

/// Path attribute type codes the codec knows (RFC 4271, RFC 1997).
public enum BGPAttributeType {
    /// ORIGIN.
    public static let origin: UInt8 = 1
    /// AS_PATH.
    public static let asPath: UInt8 = 2
    /// NEXT_HOP.
    public static let nextHop: UInt8 = 3
    /// MULTI_EXIT_DISC.
    public static let multiExitDiscriminator: UInt8 = 4
    /// LOCAL_PREF.
    public static let localPreference: UInt8 = 5
    /// ATOMIC_AGGREGATE.
    public static let atomicAggregate: UInt8 = 6
    /// COMMUNITIES.
    public static let communities: UInt8 = 8
    /// The types with a field in ``BGPPathAttributes``; never valid in ``BGPPathAttributes/other``.
    public static let decoded: Set<UInt8> = [1, 2, 3, 4, 5, 6, 8]
}
