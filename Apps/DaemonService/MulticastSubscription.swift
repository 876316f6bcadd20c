import Models

/// One element of a service's `subscriptions`: a multicast group and the roles the host holds in it.
public struct MulticastSubscription: Codable, Sendable, Hashable {
    /// The group's ledger key.
    public var pubkey: PublicKey
    /// The group's code, e.g. `mg01`.
    public var code: String
    /// The group's address.
    public var multicastIP: IPv4Address
    /// The group's bandwidth limit in bits per second.
    public var maxBandwidth: UInt64
    /// Whether the host publishes to it.
    public var publisher: Bool
    /// Whether the host subscribes to it.
    public var subscriber: Bool

    enum CodingKeys: String, CodingKey {
        case pubkey, code
        case multicastIP = "multicast_ip"
        case maxBandwidth = "max_bandwidth"
        case publisher, subscriber
    }

    /// A subscription with the given fields.
    public init(
        pubkey: PublicKey, code: String, multicastIP: IPv4Address, maxBandwidth: UInt64, publisher: Bool,
        subscriber: Bool
    ) {
        self.pubkey = pubkey
        self.code = code
        self.multicastIP = multicastIP
        self.maxBandwidth = maxBandwidth
        self.publisher = publisher
        self.subscriber = subscriber
    }
}
