import Models

extension IPv4Address {
    /// The ranges the upstream controller refuses as a user's DZ IP ("BGP martians"). Unlike
    /// ``Models/IPv4Address/nonGlobalRanges`` it does not list 192.0.0.0/24; 198.18.0.0/15 is allowed.
    public static let bgpMartianRanges: [IPv4Prefix] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.2.0/24", "192.168.0.0/16", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    ]

    /// Whether a route to this address would be a BGP martian (see ``bgpMartianRanges``).
    public var isBGPMartian: Bool {
        Self.bgpMartianRanges.contains { $0.contains(self) }
    }
}
