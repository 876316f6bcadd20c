/// A standard BGP community (RFC 1997): a 16-bit AS number and a 16-bit value, written `ASN:VALUE`.
///
/// DoubleZero devices tag user routes with communities under AS 21682 (RFC 6, "Metro Area
/// Routing Policy"):
///
/// | community | meaning |
/// |---|---|
/// | ``allUsers`` `21682:1200` | every unicast user route |
/// | ``allMulticastUsers`` `21682:1300` | every multicast user route |
/// | `21682:<exchange.bgp_community>` | user routes of one metro; value in ``metroValues`` (10000...10999), see ``metro(bgpCommunity:)`` |
///
/// A device sends a user the routes carrying the all-users community except those carrying
/// the user's own metro community.
public struct BGPCommunity: Hashable, Comparable, Sendable {
    /// The AS number (high 16 bits of the 32-bit attribute value).
    public var asn: UInt16
    /// The value (low 16 bits).
    public var value: UInt16

    /// Creates a community from its two halves.
    public init(asn: UInt16, value: UInt16) {
        self.asn = asn
        self.value = value
    }

    /// Creates a community from its 32-bit wire form, `asn << 16 | value`.
    public init(rawValue: UInt32) {
        self.init(asn: UInt16(truncatingIfNeeded: rawValue >> 16), value: UInt16(truncatingIfNeeded: rawValue))
    }

    /// The 32-bit wire form, `asn << 16 | value`, as carried in the COMMUNITIES path attribute.
    public var rawValue: UInt32 { UInt32(asn) << 16 | UInt32(value) }

    /// The AS number DoubleZero uses for its communities.
    public static let doubleZeroASN: UInt16 = 21682

    /// `21682:1200`, carried by every unicast user route.
    public static let allUsers = BGPCommunity(asn: doubleZeroASN, value: 1200)

    /// `21682:1300`, carried by every multicast user route.
    public static let allMulticastUsers = BGPCommunity(asn: doubleZeroASN, value: 1300)

    /// The values an exchange's (metro's) community may take: 10000...10999.
    public static let metroValues: ClosedRange<UInt16> = 10000...10999

    /// The metro community `21682:<bgpCommunity>` of an exchange.
    ///
    /// - Parameter bgpCommunity: the exchange's `bgp_community` field.
    /// - Throws: ``BGPCommunityError/metroOutOfRange(value:)`` when the value lies outside
    ///   ``metroValues``, including 0, which the ledger uses for "not assigned".
    public static func metro(bgpCommunity: UInt16) throws(BGPCommunityError) -> BGPCommunity {
        guard metroValues.contains(bgpCommunity) else {
            throw .metroOutOfRange(value: bgpCommunity)
        }
        return BGPCommunity(asn: doubleZeroASN, value: bgpCommunity)
    }

    /// Whether this is a DoubleZero metro community (AS 21682, value in ``metroValues``).
    public var isMetro: Bool {
        asn == Self.doubleZeroASN && Self.metroValues.contains(value)
    }

    /// Parses `ASN:VALUE`, strictly.
    ///
    /// Each half must be a decimal number in 0...65535 written with ASCII digits only: no sign,
    /// no whitespace, no leading zero (except `0` itself), so every community has exactly one
    /// text form and `parse(description)` round-trips.
    ///
    /// - Throws: ``BGPCommunityError`` naming the text and the half that is wrong.
    public static func parse(_ text: some StringProtocol) throws(BGPCommunityError) -> BGPCommunity {
        let whole = String(text)
        let parts = whole.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .malformed(text: whole)
        }
        let asn = try number(parts[0], in: whole, part: .asn)
        let value = try number(parts[1], in: whole, part: .value)
        return BGPCommunity(asn: asn, value: value)
    }

    /// Parses one half as a canonical decimal UInt16.
    private static func number(
        _ digits: Substring.UTF8View, in text: String, part: BGPCommunityError.Part
    ) throws(BGPCommunityError) -> UInt16 {
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 1 || digits.first != UInt8(ascii: "0")
        else {
            throw .notANumber(text: text, part: part)
        }
        // At most 5 digits can fit; more would overflow the accumulator check below anyway.
        guard digits.count <= 5 else {
            throw .outOfRange(text: text, part: part)
        }
        var result = 0
        for digit in digits {
            result = result * 10 + Int(digit - UInt8(ascii: "0"))
        }
        guard let value = UInt16(exactly: result) else {
            throw .outOfRange(text: text, part: part)
        }
        return value
    }

    /// Orders by the 32-bit wire form (ASN first, then value).
    public static func < (lhs: BGPCommunity, rhs: BGPCommunity) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension BGPCommunity: CustomStringConvertible {
    /// The `ASN:VALUE` form, for example `21682:1200`.
    public var description: String { "\(asn):\(value)" }
}

extension BGPCommunity: LosslessStringConvertible {
    /// Parses `ASN:VALUE` strictly; nil when ``parse(_:)`` would throw.
    public init?(_ description: String) {
        guard let community = try? Self.parse(description) else { return nil }
        self = community
    }
}
