/// What the two speakers negotiated that changes how messages are encoded.
public struct BGPCodecOptions: Hashable, Sendable {
    /// Whether both sides announced the four-octet AS capability (RFC 6793): AS numbers in
    /// AS_PATH are then 4 octets wide, otherwise 2.
    public var fourOctetAS: Bool

    /// Creates options; sessions start with `fourOctetAS: false` until both OPENs are exchanged.
    public init(fourOctetAS: Bool) {
        self.fourOctetAS = fourOctetAS
    }

    /// Four-octet AS numbers: what every session with a modern peer (and every DoubleZero device) uses.
    public static let fourOctet = BGPCodecOptions(fourOctetAS: true)
    /// Two-octet AS numbers: before the OPEN exchange, or with a peer without RFC 6793 support.
    public static let twoOctet = BGPCodecOptions(fourOctetAS: false)
}
