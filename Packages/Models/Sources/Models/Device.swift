/// A DoubleZero device (DZD): a router in an exchange that terminates user tunnels and links.
public struct Device: Hashable, Sendable, Codable {
    /// Default per-type user limit (RFC 13 as adopted by the seeds).
    public static let defaultMaxUsersPerType: UInt16 = 48

    /// The entity key.
    public var pubkey: PublicKey
    /// The key that created it.
    public var owner: PublicKey
    /// The global account index taken at creation.
    public var index: UInt64
    /// Lower-case code, for example `la2-dz01`.
    public var code: String
    /// The owning contributor.
    public var contributor: PublicKey
    /// Where it stands.
    public var location: PublicKey
    /// Its metro (RFC 6).
    public var exchange: PublicKey
    /// Hybrid, transit or edge.
    public var deviceType: DeviceType
    /// Public address; global unless the device is transit; outside every dz_prefix.
    public var publicIp: IPv4Address
    /// Global prefixes this device hands out DZ IPs from (first address of each is reserved).
    public var dzPrefixes: [IPv4Prefix]
    /// The key that signs this device's telemetry and BGP status reports; nil when none is set.
    public var metricsPublisher: PublicKey?
    /// Management VRF name ("" = default VRF).
    public var mgmtVrf: String
    /// Interfaces, unique by case-insensitive name.
    public var interfaces: [DeviceInterface]
    /// Status.
    public var status: DeviceStatus
    /// Why the activator rejected it, when it did.
    public var rejectReason: String?
    /// Links, users and other entities that reference this device; deletion needs 0.
    public var referenceCount: UInt32
    /// Most unicast users (IBRL family) it takes; 0 = no unicast slots (RFC 13).
    public var maxUnicastUsers: UInt16
    /// Most multicast users it takes; 0 = no multicast slots (RFC 13).
    public var maxMulticastUsers: UInt16
    /// Live unicast users: rises on activation, falls on removal.
    public var unicastUsersCount: UInt16
    /// Live multicast users: rises on activation, falls on removal.
    public var multicastUsersCount: UInt16

    /// Creates a device.
    public init(
        pubkey: PublicKey, owner: PublicKey, index: UInt64, code: String, contributor: PublicKey,
        location: PublicKey, exchange: PublicKey, deviceType: DeviceType = .hybrid, publicIp: IPv4Address,
        dzPrefixes: [IPv4Prefix], metricsPublisher: PublicKey? = nil, mgmtVrf: String = "",
        interfaces: [DeviceInterface] = [], status: DeviceStatus = .pending, rejectReason: String? = nil,
        referenceCount: UInt32 = 0, maxUnicastUsers: UInt16 = defaultMaxUsersPerType,
        maxMulticastUsers: UInt16 = defaultMaxUsersPerType, unicastUsersCount: UInt16 = 0,
        multicastUsersCount: UInt16 = 0
    ) {
        self.pubkey = pubkey
        self.owner = owner
        self.index = index
        self.code = code
        self.contributor = contributor
        self.location = location
        self.exchange = exchange
        self.deviceType = deviceType
        self.publicIp = publicIp
        self.dzPrefixes = dzPrefixes
        self.metricsPublisher = metricsPublisher
        self.mgmtVrf = mgmtVrf
        self.interfaces = interfaces
        self.status = status
        self.rejectReason = rejectReason
        self.referenceCount = referenceCount
        self.maxUnicastUsers = maxUnicastUsers
        self.maxMulticastUsers = maxMulticastUsers
        self.unicastUsersCount = unicastUsersCount
        self.multicastUsersCount = multicastUsersCount
    }

    /// All live users on the device.
    public var usersCount: Int { Int(unicastUsersCount) + Int(multicastUsersCount) }

    /// The interface with this name (compared case-insensitively), if any.
    public func interface(named name: String) -> DeviceInterface? {
        let lower = name.lowercased()
        return interfaces.first { $0.name.lowercased() == lower }
    }

    /// The addresses a user tunnel may terminate on: the public IP, then the address of every
    /// live `user-tunnel-endpoint` interface, in interface order. Live means activated (a
    /// loopback with its address) or unlinked (a physical CYOA/DIA port, which is not part of
    /// a WAN link); pending, deleting and rejected interfaces take no tunnels.
    public var userTunnelEndpoints: [IPv4Address] {
        [publicIp]
            + interfaces.compactMap { interface in
                let live = interface.status == .activated || interface.status == .unlinked
                return interface.userTunnelEndpoint && live ? interface.ipNet?.address : nil
            }
    }

    /// The per-type limit for users of `type` (0 means the device takes none).
    public func maxUsers(for type: UserType) -> UInt16 {
        type.isUnicast ? maxUnicastUsers : maxMulticastUsers
    }

    /// The live count of users of `type`.
    public func usersCount(for type: UserType) -> UInt16 {
        type.isUnicast ? unicastUsersCount : multicastUsersCount
    }

    /// Whether another user of `type` fits (a limit of 0 means no slots at all).
    public func hasFreeSlot(for type: UserType) -> Bool {
        usersCount(for: type) < maxUsers(for: type)
    }

    /// Checks every field and every interface.
    ///
    /// - Throws: ``ProgramError`` naming the first rule broken.
    public func validate() throws(ProgramError) {
        try AccountCode.validate(code)
        guard code == code.lowercased() else {
            throw ProgramError(.invalidAccountCode, "device code '\(code)' must be lower-case", field: "code")
        }
        guard !contributor.isZero else {
            throw ProgramError(.invalidContributorPubkey, "device \(code) has no contributor", field: "contributor_pk")
        }
        guard !location.isZero else {
            throw ProgramError(.invalidLocation, "device \(code) has no location", field: "location_pk")
        }
        guard !exchange.isZero else {
            throw ProgramError(.invalidExchange, "device \(code) has no exchange", field: "exchange_pk")
        }
        guard !dzPrefixes.isEmpty else {
            throw ProgramError(.noDzPrefixes, "device \(code) needs at least one dz_prefix", field: "dz_prefixes")
        }
        for prefix in dzPrefixes {
            guard prefix.isAligned, prefix.length <= 31, prefix.networkAddress.isGlobal, prefix.lastAddress.isGlobal
            else {
                throw ProgramError(
                    .invalidDzPrefix,
                    "dz_prefix \(prefix) must be an aligned, globally routable block of /31 or larger",
                    field: "dz_prefixes")
            }
        }
        for (i, a) in dzPrefixes.enumerated() {
            for b in dzPrefixes[(i + 1)...] where a.overlaps(b) {
                throw ProgramError(.invalidDzPrefix, "dz_prefixes \(a) and \(b) overlap", field: "dz_prefixes")
            }
        }
        if deviceType != .transit && !publicIp.isGlobal {
            throw ProgramError(
                .invalidPublicIp, "public_ip \(publicIp) is not globally routable", field: "public_ip")
        }
        if let prefix = dzPrefixes.first(where: { $0.contains(publicIp) }) {
            throw ProgramError(
                .invalidPublicIp, "public_ip \(publicIp) lies inside dz_prefix \(prefix)", field: "public_ip")
        }
        if !mgmtVrf.isEmpty {
            try AccountCode.validate(mgmtVrf, field: "mgmt_vrf")
        }
        var seen = Set<String>()
        for interface in interfaces {
            try interface.validate()
            guard seen.insert(interface.name.lowercased()).inserted else {
                throw ProgramError(
                    .interfaceAlreadyExists, "device \(code) has interface \(interface.name) twice", field: "interfaces"
                )
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case pubkey, owner, index, code
        case contributor = "contributor_pk"
        case location = "location_pk"
        case exchange = "exchange_pk"
        case deviceType = "device_type"
        case publicIp = "public_ip"
        case dzPrefixes = "dz_prefixes"
        case metricsPublisher = "metrics_publisher_pk"
        case mgmtVrf = "mgmt_vrf"
        case interfaces, status
        case rejectReason = "reject_reason"
        case referenceCount = "reference_count"
        case maxUnicastUsers = "max_unicast_users"
        case maxMulticastUsers = "max_multicast_users"
        case unicastUsersCount = "unicast_users_count"
        case multicastUsersCount = "multicast_users_count"
    }
}
