import Models

/// One service the ledger wants this host to run: the request the reconciler provisions, plus
/// what `/v2/status` reports about it (the device, its metro, the groups).
public struct WantedService: Sendable, Hashable {
    /// What to build.
    public var request: ServiceRequest
    /// The ledger user the service is for.
    public var user: PublicKey
    /// The code of the device the tunnel goes to.
    public var deviceCode: String
    /// The device's public key.
    public var device: PublicKey
    /// The name of the device's exchange, or `""`.
    public var metro: String
    /// The multicast groups with their roles (publishers first), empty for unicast.
    public var subscriptions: [MulticastSubscription]

    /// A wanted service.
    public init(
        request: ServiceRequest, user: PublicKey, deviceCode: String, device: PublicKey, metro: String,
        subscriptions: [MulticastSubscription] = []
    ) {
        self.request = request
        self.user = user
        self.deviceCode = deviceCode
        self.device = device
        self.metro = metro
        self.subscriptions = subscriptions
    }

    /// The group codes by role, as `/v2/status` shows them.
    public var groupRoles: MulticastGroupRoles {
        MulticastGroupRoles(
            publisher: subscriptions.filter(\.publisher).map(\.code),
            subscriber: subscriptions.filter(\.subscriber).map(\.code))
    }
}
