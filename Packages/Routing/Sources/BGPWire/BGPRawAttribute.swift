/// A path attribute the codec does not interpret, kept as sent (for example MP_REACH_NLRI,
/// AGGREGATOR, AS4_PATH or large communities).
public struct BGPRawAttribute: Hashable, Sendable {
    /// The flags octet without the extended-length bit (0x10), which the encoder derives from
    /// the value's length, and without the four unused low bits.
    public var flags: UInt8
    /// The attribute type code.
    public var type: UInt8
    /// The value octets.
    public var value: [UInt8]

    /// Creates a raw attribute; `flags` is masked to the optional, transitive and partial bits.
    public init(flags: UInt8, type: UInt8, value: [UInt8]) {
        self.flags = flags & BGPAttributeFlags.significant
        self.type = type
        self.value = value
    }
}

/// The path attribute flag bits (RFC 4271 §4.3).
public enum BGPAttributeFlags {
    /// Optional (0x80): unset for well-known attributes.
    public static let optional: UInt8 = 0x80
    /// Transitive (0x40): set for well-known attributes.
    public static let transitive: UInt8 = 0x40
    /// Partial (0x20).
    public static let partial: UInt8 = 0x20
    /// Extended length (0x10): the length field has 2 octets.
    public static let extendedLength: UInt8 = 0x10
    /// The bits that carry meaning besides the length encoding.
    public static let significant: UInt8 = 0xE0
}
