import Models

/// One group of a Join/Prune (RFC 7761 §4.9.5): the encoded-group address and the sources to
/// join and to prune in it.
public struct PIMJoinPruneGroup: Hashable, Sendable {
    /// The multicast group address.
    public var group: IPv4Address
    /// The group mask length, 32 for a single group; at most 32.
    public var maskLength: UInt8
    /// The encoded-group flags octet: B (0x80, bidirectional) and Z (0x01, admin scope zone);
    /// 0 for doublezerod. Kept as received.
    public var flags: UInt8
    /// The sources joined (at most 65535).
    public var joined: [PIMEncodedSource]
    /// The sources pruned (at most 65535).
    public var pruned: [PIMEncodedSource]

    /// Creates a group entry.
    public init(
        group: IPv4Address, maskLength: UInt8 = 32, flags: UInt8 = 0, joined: [PIMEncodedSource] = [],
        pruned: [PIMEncodedSource] = []
    ) {
        self.group = group
        self.maskLength = maskLength
        self.flags = flags
        self.joined = joined
        self.pruned = pruned
    }

    /// The encoded size: group address (8), the two counts (4), 8 per source.
    var encodedLength: Int { 12 + 8 * (joined.count + pruned.count) }
}
