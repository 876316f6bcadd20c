/// A user: one server's tunnel to one device. A host may hold one unicast user and one
/// multicast user at once (RFC 13), on different tunnel endpoints.
public struct User: Hashable, Sendable, Codable {
    /// The first per-device user tunnel id.
    public static let firstTunnelId: UInt16 = 500
    /// One past the last per-device user tunnel id.
    public static let tunnelIdEnd: UInt16 = 4596

    /// The entity key (derived from client IP and user type).
    public var pubkey: PublicKey
    /// The client key that created it (the access pass's `user_payer`).
    public var owner: PublicKey
    /// What kind of service it has.
    public var userType: UserType
    /// The device its tunnel terminates on.
    public var device: PublicKey
    /// How the client reaches the device.
    public var cyoaType: CYOAType
    /// The client's public address (global).
    public var clientIp: IPv4Address
    /// The DoubleZero address the client announces: its client IP, or allocated; `0.0.0.0` until activated.
    public var dzIp: IPv4Address
    /// Per-device GRE tunnel id (500...4595); 0 until activated.
    public var tunnelId: UInt16
    /// The tunnel's /31 from the user tunnel block (device side even, client side odd); unset until activated.
    public var tunnelNet: IPv4Prefix
    /// The device-side GRE endpoint; `0.0.0.0` means the device's public IP.
    public var tunnelEndpoint: IPv4Address
    /// Status.
    public var status: UserStatus
    /// Why the activator rejected it, when it did.
    public var rejectReason: String?
    /// Multicast groups this user publishes to.
    public var publishers: [PublicKey]
    /// Multicast groups this user subscribes to.
    public var subscribers: [PublicKey]
    /// Validator identity copied from a Solana-validator access pass.
    public var validatorPubkey: PublicKey?

    /// Creates a user.
    public init(
        pubkey: PublicKey, owner: PublicKey, userType: UserType, device: PublicKey, cyoaType: CYOAType = .greOverDIA,
        clientIp: IPv4Address, dzIp: IPv4Address = .unspecified, tunnelId: UInt16 = 0, tunnelNet: IPv4Prefix = .unset,
        tunnelEndpoint: IPv4Address = .unspecified, status: UserStatus = .pending, rejectReason: String? = nil,
        publishers: [PublicKey] = [], subscribers: [PublicKey] = [], validatorPubkey: PublicKey? = nil
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.userType = userType
        self.device = device
        self.cyoaType = cyoaType
        self.clientIp = clientIp
        self.dzIp = dzIp
        self.tunnelId = tunnelId
        self.tunnelNet = tunnelNet
        self.tunnelEndpoint = tunnelEndpoint
        self.status = status
        self.rejectReason = rejectReason
        self.publishers = publishers
        self.subscribers = subscribers
        self.validatorPubkey = validatorPubkey
    }

    /// Whether the user publishes to at least one group.
    public var isPublisher: Bool { !publishers.isEmpty }

    /// Whether the user's DZ IP must be allocated rather than be its client IP: IBRL with
    /// allocated IP, edge filtering, and multicast publishers (from the global publisher pool).
    public var needsAllocatedDzIp: Bool {
        switch userType {
        case .ibrlWithAllocatedIP, .edgeFiltering: true
        case .multicast: isPublisher
        case .ibrl: false
        }
    }

    /// The client side of the tunnel /31 (the odd address), once allocated.
    public var clientOverlayAddress: IPv4Address? { tunnelNet.halves?.upper }

    /// The device side of the tunnel /31 (the even address), once allocated.
    public var deviceOverlayAddress: IPv4Address? { tunnelNet.halves?.lower }

    /// Checks a user tunnel net: an aligned /31 inside 169.254.0.0/16.
    ///
    /// - Throws: ``ProgramError`` with `InvalidTunnelNet`.
    public static func validateTunnelNet(_ net: IPv4Prefix) throws(ProgramError) {
        guard net.length == 31, net.isAligned else {
            throw ProgramError(.invalidTunnelNet, "user tunnel_net \(net) must be an aligned /31", field: "tunnel_net")
        }
        guard net.address.isLinkLocal else {
            throw ProgramError(
                .invalidTunnelNet, "user tunnel_net \(net) must be link-local (169.254.0.0/16)", field: "tunnel_net")
        }
    }

    /// Checks every field; an activated user must carry its tunnel id, /31 and DZ IP.
    public func validate() throws(ProgramError) {
        guard !device.isZero else {
            throw ProgramError(.invalidDevicePubkey, "user has no device", field: "device_pk")
        }
        guard clientIp.isGlobal else {
            throw ProgramError(.invalidClientIp, "client_ip \(clientIp) is not globally routable", field: "client_ip")
        }
        guard dzIp.isUnspecified || dzIp.isGlobal else {
            throw ProgramError(.invalidDzIp, "dz_ip \(dzIp) is not globally routable", field: "dz_ip")
        }
        guard tunnelId == 0 || (Self.firstTunnelId..<Self.tunnelIdEnd).contains(tunnelId) else {
            throw ProgramError(
                .invalidTunnelId,
                "user tunnel_id \(tunnelId) is outside \(Self.firstTunnelId)...\(Self.tunnelIdEnd - 1)",
                field: "tunnel_id")
        }
        if !tunnelNet.isUnset {
            try Self.validateTunnelNet(tunnelNet)
        }
        guard tunnelEndpoint.isUnspecified || tunnelEndpoint.isGlobal else {
            throw ProgramError(
                .invalidTunnelEndpoint, "tunnel_endpoint \(tunnelEndpoint) is not globally routable",
                field: "tunnel_endpoint")
        }
        if userType != .multicast && (!publishers.isEmpty || !subscribers.isEmpty) {
            throw ProgramError(
                .invalidArgument, "only multicast users may publish or subscribe (user type \(userType.rawValue))",
                field: "user_type")
        }
        if status == .activated && (tunnelId == 0 || tunnelNet.isUnset || dzIp.isUnspecified) {
            throw ProgramError(
                .invalidStatus, "an activated user needs tunnel_id, tunnel_net and dz_ip", field: "status")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner
        case userType = "user_type"
        case device = "device_pk"
        case cyoaType = "cyoa_type"
        case clientIp = "client_ip"
        case dzIp = "dz_ip"
        case tunnelId = "tunnel_id"
        case tunnelNet = "tunnel_net"
        case tunnelEndpoint = "tunnel_endpoint"
        case status
        case rejectReason = "reject_reason"
        case publishers, subscribers
        case validatorPubkey = "validator_pubkey"
    }
}
