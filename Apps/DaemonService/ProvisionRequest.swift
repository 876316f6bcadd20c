import Models

/// The body of `POST /provision`, with upstream's JSON keys (`user_type`, `tunnel_src`, …).
///
/// Addresses are strings on the wire (`""` or absent when unset); ``validated()`` turns the body
/// into a ``ServiceRequest`` or says which field is unusable.
public struct ProvisionRequest: Codable, Sendable, Hashable {
    /// `IBRL`, `IBRLWithAllocatedIP`, `EdgeFiltering` or `Multicast`.
    public var userType: String?
    /// The host's underlay address (optional).
    public var tunnelSource: String?
    /// The device endpoint.
    public var tunnelDestination: String?
    /// The tunnel's /31, e.g. `169.254.0.0/31` (required).
    public var tunnelNet: String?
    /// The DoubleZero IP.
    public var doubleZeroIP: String?
    /// Every device's DoubleZero prefixes.
    public var doubleZeroPrefixes: [String]?
    /// Multicast groups to join.
    public var subscriberGroups: [String]?
    /// Multicast groups to publish to.
    public var publisherGroups: [String]?
    /// The rendezvous point (default 10.0.0.0).
    public var rendezvousPoint: String?
    /// The host's ASN (0 or absent: 65000).
    public var localASN: UInt32?
    /// The device's ASN (0 or absent: 65001).
    public var remoteASN: UInt32?

    enum CodingKeys: String, CodingKey {
        case userType = "user_type"
        case tunnelSource = "tunnel_src"
        case tunnelDestination = "tunnel_dst"
        case tunnelNet = "tunnel_net"
        case doubleZeroIP = "doublezero_ip"
        case doubleZeroPrefixes = "doublezero_prefixes"
        case subscriberGroups = "mcast_sub_groups"
        case publisherGroups = "mcast_pub_groups"
        case rendezvousPoint = "mcast_rp_address"
        case localASN = "bgp_local_asn"
        case remoteASN = "bgp_remote_asn"
    }

    /// A body with the given fields (nil ones are left out of the JSON).
    public init(
        userType: String? = nil, tunnelSource: String? = nil, tunnelDestination: String? = nil,
        tunnelNet: String? = nil, doubleZeroIP: String? = nil, doubleZeroPrefixes: [String]? = nil,
        subscriberGroups: [String]? = nil, publisherGroups: [String]? = nil, rendezvousPoint: String? = nil,
        localASN: UInt32? = nil, remoteASN: UInt32? = nil
    ) {
        self.userType = userType
        self.tunnelSource = tunnelSource
        self.tunnelDestination = tunnelDestination
        self.tunnelNet = tunnelNet
        self.doubleZeroIP = doubleZeroIP
        self.doubleZeroPrefixes = doubleZeroPrefixes
        self.subscriberGroups = subscriberGroups
        self.publisherGroups = publisherGroups
        self.rendezvousPoint = rendezvousPoint
        self.localASN = localASN
        self.remoteASN = remoteASN
    }

    /// The wire form of `request` (what the reconciler would have sent upstream).
    public init(_ request: ServiceRequest) {
        self.init(
            userType: request.userType.apiName, tunnelSource: request.tunnelSource?.description ?? "",
            tunnelDestination: request.tunnelDestination.description, tunnelNet: request.tunnelNet.description,
            doubleZeroIP: request.doubleZeroIP?.description ?? "",
            doubleZeroPrefixes: request.doubleZeroPrefixes.map(\.description),
            subscriberGroups: request.subscriberGroups.map(\.description),
            publisherGroups: request.publisherGroups.map(\.description),
            rendezvousPoint: request.rendezvousPoint.description, localASN: request.localASN,
            remoteASN: request.remoteASN)
    }

    /// The service this body asks for, or ``RequestRejection/invalid(_:)`` naming the unusable field.
    public func validated() throws(RequestRejection) -> ServiceRequest {
        guard let name = userType, !name.isEmpty else {
            throw .invalid("user_type is required (IBRL, IBRLWithAllocatedIP, EdgeFiltering or Multicast)")
        }
        guard let type = UserType(apiName: name) else {
            throw .invalid(
                "user_type '\(name)' is not one of IBRL, IBRLWithAllocatedIP, EdgeFiltering, Multicast")
        }
        guard let netText = tunnelNet, !netText.isEmpty else { throw .invalid("tunnel_net is required") }
        guard let net = IPv4Prefix(netText), net.isAligned else {
            throw .invalid("tunnel_net '\(netText)' is not an IPv4 network (expected a.b.c.d/31)")
        }
        guard net.length == 31 else { throw .invalid("tunnel_net '\(netText)' must be a /31") }
        guard let destination = try Self.address(tunnelDestination, field: "tunnel_dst") else {
            throw .invalid("tunnel_dst is required")
        }
        let source = try Self.address(tunnelSource, field: "tunnel_src")
        let dzIP = try Self.address(doubleZeroIP, field: "doublezero_ip")
        let prefixes = try (doubleZeroPrefixes ?? []).map { text throws(RequestRejection) in
            guard let prefix = IPv4Prefix(text) else {
                throw .invalid("doublezero_prefixes entry '\(text)' is not an IPv4 prefix (expected a.b.c.d/n)")
            }
            return prefix
        }
        let subscribers = try Self.groups(subscriberGroups, field: "mcast_sub_groups")
        let publishers = try Self.groups(publisherGroups, field: "mcast_pub_groups")
        let rendezvous =
            try Self.address(rendezvousPoint, field: "mcast_rp_address") ?? ServiceRequest.defaultRendezvousPoint
        if type.isUnicast {
            guard dzIP != nil else { throw .invalid("doublezero_ip is required for \(name)") }
        } else {
            guard !subscribers.isEmpty || !publishers.isEmpty else {
                throw .invalid("no multicast publisher or subscriber groups specified")
            }
            guard publishers.isEmpty || dzIP != nil else {
                throw .invalid("doublezero_ip is required for a multicast publisher")
            }
        }
        return ServiceRequest(
            userType: type, tunnelSource: source, tunnelDestination: destination, tunnelNet: net,
            doubleZeroIP: dzIP, doubleZeroPrefixes: prefixes, subscriberGroups: subscribers,
            publisherGroups: publishers, rendezvousPoint: rendezvous,
            localASN: localASN.flatMap { $0 == 0 ? nil : $0 } ?? ServiceRequest.defaultLocalASN,
            remoteASN: remoteASN.flatMap { $0 == 0 ? nil : $0 } ?? ServiceRequest.defaultRemoteASN)
    }

    /// An optional address field: nil when absent or empty, else it must be a dotted quad.
    private static func address(_ text: String?, field: String) throws(RequestRejection) -> IPv4Address? {
        guard let text, !text.isEmpty else { return nil }
        guard let address = IPv4Address(text) else {
            throw .invalid("\(field) '\(text)' is not an IPv4 address (expected a.b.c.d)")
        }
        return address
    }

    /// A list of multicast group addresses: each must be a dotted quad in 224.0.0.0/4.
    private static func groups(_ texts: [String]?, field: String) throws(RequestRejection) -> [IPv4Address] {
        try (texts ?? []).map { text throws(RequestRejection) in
            guard let group = IPv4Address(text), group.isMulticast else {
                throw .invalid("\(field) entry '\(text)' is not an IPv4 multicast address (224.0.0.0/4)")
            }
            return group
        }
    }
}
