/// An IPv4 address with a prefix length, such as `169.254.0.0/31` or `203.0.113.5/24`.
///
/// Upstream calls this `NetworkV4`. The address part may carry host bits (an interface's
/// `ip_net` is its own address plus the subnet length); ``network`` gives the masked form and
/// ``isAligned`` tells whether the address is the network address. `0.0.0.0/0` doubles as
/// "unset" in ledger records (see ``unset``).
public struct IPv4Prefix: Hashable, Sendable {
    /// The address part, possibly with host bits set.
    public var address: IPv4Address
    /// The prefix length, 0 to 32.
    public var length: UInt8

    /// `0.0.0.0/0`, the ledger's "unset" network.
    public static let unset = IPv4Prefix(uncheckedAddress: .unspecified, length: 0)

    /// Creates a prefix; returns nil if `length` is above 32.
    public init?(address: IPv4Address, length: Int) {
        guard (0...32).contains(length) else { return nil }
        self.address = address
        self.length = UInt8(length)
    }

    /// Creates a prefix whose length the caller has already checked (0...32).
    public init(uncheckedAddress address: IPv4Address, length: UInt8) {
        precondition(length <= 32, "prefix length \(length) is above 32")
        self.address = address
        self.length = length
    }

    /// Parses `a.b.c.d/n`; a bare address is not accepted (say `/32`).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Address(parts[0]),
            !parts[1].isEmpty, parts[1].count <= 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
            let length = Int(parts[1])
        else { return nil }
        if parts[1].count > 1 && parts[1].first == "0" { return nil }
        self.init(address: address, length: length)
    }

    /// The netmask as an integer (`/24` is `0xFFFF_FF00`).
    public var mask: UInt32 { length == 0 ? 0 : UInt32.max << (32 - UInt32(length)) }

    /// The number of addresses covered (`/31` covers 2, `/0` covers 2^32).
    public var size: UInt64 { UInt64(1) << (32 - UInt64(length)) }

    /// The network address (host bits cleared).
    public var networkAddress: IPv4Address { IPv4Address(address.value & mask) }

    /// The last address covered.
    public var lastAddress: IPv4Address { IPv4Address(address.value | ~mask) }

    /// The same prefix with host bits cleared.
    public var network: IPv4Prefix { IPv4Prefix(uncheckedAddress: networkAddress, length: length) }

    /// Whether the address part is the network address (no host bits set).
    public var isAligned: Bool { address.value & ~mask == 0 }

    /// Whether this is `0.0.0.0/0`.
    public var isUnset: Bool { self == .unset }

    /// Whether `other` lies inside this prefix.
    public func contains(_ other: IPv4Address) -> Bool {
        other.value & mask == address.value & mask
    }

    /// Whether every address of `other` lies inside this prefix.
    public func contains(_ other: IPv4Prefix) -> Bool {
        other.length >= length && contains(other.address)
    }

    /// Whether the two prefixes share at least one address.
    public func overlaps(_ other: IPv4Prefix) -> Bool {
        contains(other.networkAddress) || other.contains(networkAddress)
    }

    /// The address at `offset` from the network address, or nil if outside the prefix.
    public func address(at offset: UInt64) -> IPv4Address? {
        guard offset < size else { return nil }
        return IPv4Address(networkAddress.value &+ UInt32(truncatingIfNeeded: offset))
    }

    /// For a /31, its two addresses: the lower (even) one is the device or side-A end, the
    /// upper (odd) one the client or side-Z end. Nil for any other length.
    public var halves: (lower: IPv4Address, upper: IPv4Address)? {
        guard length == 31 else { return nil }
        let base = networkAddress.value
        return (IPv4Address(base), IPv4Address(base | 1))
    }
}

extension IPv4Prefix: CustomStringConvertible {
    /// The `a.b.c.d/n` form.
    public var description: String { "\(address)/\(length)" }
}

extension IPv4Prefix: Codable {
    /// Decodes the `a.b.c.d/n` string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let prefix = IPv4Prefix(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an IPv4 prefix (expected a.b.c.d/n)")
        }
        self = prefix
    }

    /// Encodes the `a.b.c.d/n` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension IPv4Prefix: ExpressibleByStringLiteral {
    /// Creates a prefix from a literal; a malformed literal is a programming error.
    public init(stringLiteral text: String) {
        guard let prefix = IPv4Prefix(text) else { preconditionFailure("invalid IPv4 prefix literal '\(text)'") }
        self = prefix
    }
}
