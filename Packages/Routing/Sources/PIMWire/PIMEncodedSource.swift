import Models

/// One joined or pruned source of a Join/Prune group: an encoded-source address (RFC 7761
/// §4.9.1) — family 1, encoding 0, flags, mask length, address.
public struct PIMEncodedSource: Hashable, Sendable {
    /// The S, W and R bits (and any reserved bits as received).
    public var flags: PIMSourceFlags
    /// The source mask length, 32 for a single source; at most 32.
    public var maskLength: UInt8
    /// The source address, or the RP's address for a (*,G) entry.
    public var address: IPv4Address

    /// Creates a source entry.
    public init(address: IPv4Address, flags: PIMSourceFlags, maskLength: UInt8 = 32) {
        self.flags = flags
        self.maskLength = maskLength
        self.address = address
    }

    /// The (*,G) entry toward `rp`: flags S|W|R, mask 32.
    public static func starGroup(rp: IPv4Address) -> PIMEncodedSource {
        PIMEncodedSource(address: rp, flags: .starGroup)
    }
}
