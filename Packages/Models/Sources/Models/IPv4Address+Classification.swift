/// Address classification with the upstream DoubleZero rules.
extension IPv4Address {
    /// Ranges that are not globally routable, as the upstream `is_global` check lists them.
    ///
    /// Note: like upstream, 198.18.0.0/15 (benchmarking) is *not* in this list.
    public static let nonGlobalRanges: [IPv4Prefix] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
    ]

    /// The RFC 1918 private ranges.
    public static let privateRanges: [IPv4Prefix] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]

    /// The link-local range 169.254.0.0/16.
    public static let linkLocalRange: IPv4Prefix = "169.254.0.0/16"

    /// The multicast range 224.0.0.0/4.
    public static let multicastRange: IPv4Prefix = "224.0.0.0/4"

    /// Whether the address is globally routable (upstream `is_global`): not in ``nonGlobalRanges``
    /// and not the limited broadcast address.
    public var isGlobal: Bool {
        if value == UInt32.max { return false }
        return !Self.nonGlobalRanges.contains { $0.contains(self) }
    }

    /// Whether the address is in an RFC 1918 private range.
    public var isPrivate: Bool { Self.privateRanges.contains { $0.contains(self) } }

    /// Whether the address is link-local (169.254.0.0/16).
    public var isLinkLocal: Bool { Self.linkLocalRange.contains(self) }

    /// Whether the address is multicast (224.0.0.0/4).
    public var isMulticast: Bool { Self.multicastRange.contains(self) }

    /// Whether the address is loopback (127.0.0.0/8).
    public var isLoopback: Bool { value >> 24 == 127 }
}
