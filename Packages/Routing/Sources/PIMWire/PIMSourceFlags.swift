/// The flags octet of an encoded-source address (RFC 7761 §4.9.1): five reserved bits, then
/// S (sparse), W (wildcard) and R (RPT). Reserved bits are sent as 0 and kept as received.
public struct PIMSourceFlags: OptionSet, Hashable, Sendable {
    /// The octet as on the wire.
    public var rawValue: UInt8

    /// Creates flags from the octet.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// S, 0x04: sparse mode; always set in PIM-SM.
    public static let sparse = PIMSourceFlags(rawValue: 0x04)
    /// W, 0x02: the source address is the RP, the entry is (*,G).
    public static let wildcard = PIMSourceFlags(rawValue: 0x02)
    /// R, 0x01: the entry is sent toward the RP (along the shared tree).
    public static let rpt = PIMSourceFlags(rawValue: 0x01)
    /// S|W|R = 0x07: a (*,G) entry toward the RP, as doublezerod joins and prunes its groups.
    public static let starGroup: PIMSourceFlags = [.sparse, .wildcard, .rpt]
}
