/// One capability of an OPEN (RFC 5492), inside a capabilities optional parameter (type 2).
public enum BGPCapability: Hashable, Sendable {
    /// Multiprotocol extensions (code 1, RFC 4760): address family and subsequent address family.
    /// IPv4 unicast is `afi: 1, safi: 1`.
    case multiprotocol(afi: UInt16, safi: UInt8)
    /// Support for four-octet AS numbers (code 65, RFC 6793) with the speaker's AS.
    case fourOctetAS(UInt32)
    /// Any other capability, kept as its code and value octets.
    case unknown(code: UInt8, value: [UInt8])

    /// The capability code.
    public var code: UInt8 {
        switch self {
        case .multiprotocol: 1
        case .fourOctetAS: 65
        case .unknown(let code, _): code
        }
    }
}
