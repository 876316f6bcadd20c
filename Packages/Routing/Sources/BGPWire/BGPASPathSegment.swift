/// One AS_PATH segment (RFC 4271 §4.3, confederation kinds from RFC 5065).
public struct BGPASPathSegment: Hashable, Sendable {
    /// The segment type.
    public enum Kind: UInt8, Hashable, Sendable, CaseIterable {
        /// AS_SET (1): an unordered set, from aggregation.
        case set = 1
        /// AS_SEQUENCE (2): the ASes the route passed, nearest first.
        case sequence = 2
        /// AS_CONFED_SEQUENCE (3).
        case confederationSequence = 3
        /// AS_CONFED_SET (4).
        case confederationSet = 4
    }

    /// The segment type.
    public var kind: Kind
    /// The AS numbers, 1 to 255 of them on the wire.
    public var asns: [UInt32]

    /// Creates a segment.
    public init(kind: Kind, asns: [UInt32]) {
        self.kind = kind
        self.asns = asns
    }

    /// An AS_SEQUENCE.
    public static func sequence(_ asns: [UInt32]) -> BGPASPathSegment {
        BGPASPathSegment(kind: .sequence, asns: asns)
    }
}
