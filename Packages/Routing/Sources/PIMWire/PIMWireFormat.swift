import Models

/// Fixed numbers of the PIM version 2 wire format (RFC 7761 §4.9).
public enum PIMWireFormat {
    /// The IP protocol number PIM messages are carried in.
    public static let ipProtocolNumber: UInt8 = 103
    /// The PIM version in the first header nibble; the decoder refuses every other.
    public static let version: UInt8 = 2
    /// The common header: version and type (1 octet), reserved (1), checksum (2).
    public static let headerLength = 4
    /// The octets a Register's checksum covers: the header and the Border/Null-Register word.
    public static let registerChecksumLength = 8
    /// ALL-PIM-ROUTERS, the destination of every Hello (sent with TTL 1).
    public static let allPIMRouters = IPv4Address(224, 0, 0, 13)
    /// Address family 1 (IPv4) of the encoded unicast, group and source addresses.
    public static let addressFamilyIPv4: UInt8 = 1
    /// The native encoding type 0 of the encoded addresses; the only one defined.
    public static let nativeEncoding: UInt8 = 0
    /// An encoded-unicast IPv4 address: family, encoding type, address.
    public static let encodedUnicastLength = 6
    /// An encoded-group or encoded-source IPv4 address: family, encoding type, flags, mask length, address.
    public static let encodedGroupOrSourceLength = 8
}
