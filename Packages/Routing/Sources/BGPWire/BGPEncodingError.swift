/// A message that cannot be put on the wire as given.
public enum BGPEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The encoded message would be `length` octets, above the 4096-octet maximum.
    case messageTooLong(length: Int)
    /// A field does not fit its wire width (`field` names it, `count` is what it had).
    case fieldTooLong(field: String, count: Int)
    /// An AS number above 65535 in a session without four-octet AS support.
    case asnNeedsFourOctets(UInt32)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .messageTooLong(let length): "message of \(length) octets exceeds 4096"
        case .fieldTooLong(let field, let count): "\(field) too long (\(count))"
        case .asnNeedsFourOctets(let asn): "AS \(asn) does not fit 2 octets"
        }
    }
}
