/// A multicast group: publishers send to its address, subscribers receive it. Who may take
/// each role is decided by the group's two allowlists of client keys.
public struct MulticastGroup: Hashable, Sendable, Codable {
    /// The entity key.
    public var pubkey: PublicKey
    /// The group's owner (may manage its allowlists).
    public var owner: PublicKey
    /// The global account index taken at creation.
    public var index: UInt64
    /// Short code, for example `mg01`.
    public var code: String
    /// The group address from the multicast group block; `0.0.0.0` until activated.
    public var multicastIp: IPv4Address
    /// Maximum bandwidth in bits per second; above 0.
    public var maxBandwidth: UInt64
    /// Status.
    public var status: MulticastGroupStatus
    /// Why the activator rejected it, when it did.
    public var rejectReason: String?
    /// Client keys (access-pass `user_payer`s) allowed to publish.
    public var publisherAllowlist: [PublicKey]
    /// Client keys allowed to subscribe.
    public var subscriberAllowlist: [PublicKey]
    /// Number of users publishing to it.
    public var publisherCount: UInt32
    /// Number of users subscribed to it.
    public var subscriberCount: UInt32

    /// Creates a group.
    public init(
        pubkey: PublicKey, owner: PublicKey, index: UInt64, code: String, multicastIp: IPv4Address = .unspecified,
        maxBandwidth: UInt64, status: MulticastGroupStatus = .pending, rejectReason: String? = nil,
        publisherAllowlist: [PublicKey] = [], subscriberAllowlist: [PublicKey] = [], publisherCount: UInt32 = 0,
        subscriberCount: UInt32 = 0
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.index = index
        self.code = code
        self.multicastIp = multicastIp
        self.maxBandwidth = maxBandwidth
        self.status = status
        self.rejectReason = rejectReason
        self.publisherAllowlist = publisherAllowlist
        self.subscriberAllowlist = subscriberAllowlist
        self.publisherCount = publisherCount
        self.subscriberCount = subscriberCount
    }

    /// Checks code, address, bandwidth and allowlists.
    public func validate() throws(ProgramError) {
        try AccountCode.validate(code)
        guard multicastIp.isUnspecified || multicastIp.isMulticast else {
            throw ProgramError(
                .invalidMulticastIp, "multicast_ip \(multicastIp) is not inside 224.0.0.0/4", field: "multicast_ip")
        }
        guard maxBandwidth > 0 else {
            throw ProgramError(.invalidMaxBandwidth, "max_bandwidth must be above 0", field: "max_bandwidth")
        }
        if status == .activated && multicastIp.isUnspecified {
            throw ProgramError(.invalidStatus, "an activated group needs a multicast_ip", field: "status")
        }
        for (field, list) in [("pub_allowlist", publisherAllowlist), ("sub_allowlist", subscriberAllowlist)]
        where Set(list).count != list.count {
            throw ProgramError(.invalidArgument, "\(field) of group \(code) has duplicate keys", field: field)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner, index, code
        case multicastIp = "multicast_ip"
        case maxBandwidth = "max_bandwidth"
        case status
        case rejectReason = "reject_reason"
        case publisherAllowlist = "pub_allowlist"
        case subscriberAllowlist = "sub_allowlist"
        case publisherCount = "publisher_count"
        case subscriberCount = "subscriber_count"
    }
}
