/// Fixed sizes of the BGP-4 wire format (RFC 4271 §4).
public enum BGPWireFormat {
    /// Marker (16 octets of 0xFF), length (2) and type (1).
    public static let headerLength = 19
    /// The largest message without the extended-message capability (RFC 8654), which we never offer.
    public static let maximumMessageLength = 4096
    /// The shortest OPEN: header, version, my AS, hold time, identifier, optional-parameters length.
    public static let minimumOpenLength = 29
    /// The shortest UPDATE: header and the two 2-octet length fields.
    public static let minimumUpdateLength = 23
    /// The shortest NOTIFICATION: header, code and subcode.
    public static let minimumNotificationLength = 21
    /// The placeholder 2-octet AS (RFC 6793) sent in OPEN and AS_PATH when the real AS needs 4 octets.
    public static let asTrans: UInt16 = 23456
}
