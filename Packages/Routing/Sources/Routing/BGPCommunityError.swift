/// Why a BGP community could not be parsed or built.
public enum BGPCommunityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is not two decimal numbers separated by one colon (`ASN:VALUE`).
    case malformed(text: String)
    /// One half is not a plain decimal number (digits only, no sign, no leading zero).
    case notANumber(text: String, part: Part)
    /// One half is a number above 65535.
    case outOfRange(text: String, part: Part)
    /// A metro (exchange) community outside 10000...10999 was requested.
    case metroOutOfRange(value: UInt16)

    /// Which half of `ASN:VALUE` an error is about.
    public enum Part: String, Hashable, Sendable {
        /// The part before the colon.
        case asn = "ASN"
        /// The part after the colon.
        case value = "value"
    }

    /// A sentence naming the offending text and the rule it breaks.
    public var description: String {
        switch self {
        case .malformed(let text):
            return "'\(text)' is not a BGP community of the form ASN:VALUE (for example 21682:1200)"
        case .notANumber(let text, let part):
            return "the \(part.rawValue) of BGP community '\(text)' is not a decimal number"
                + " (digits only, no sign or leading zero)"
        case .outOfRange(let text, let part):
            return "the \(part.rawValue) of BGP community '\(text)' is above 65535"
        case .metroOutOfRange(let value):
            return "exchange BGP community \(value) is out of valid range"
                + " (\(BGPCommunity.metroValues.lowerBound)-\(BGPCommunity.metroValues.upperBound))"
        }
    }
}
