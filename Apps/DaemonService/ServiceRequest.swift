import Models

/// A service to provision: the validated form of a `POST /provision` body, and what the reconciler
/// builds from the ledger's user account.
///
/// ``ProvisionRequest/validated()`` guarantees: ``tunnelNet`` is a /31; unicast types and multicast
/// publishers have a ``doubleZeroIP``; a multicast service has at least one group.
public struct ServiceRequest: Sendable, Hashable {
    /// The default rendezvous point of multicast groups.
    public static let defaultRendezvousPoint: IPv4Address = "10.0.0.0"
    /// The local ASN used when a request gives 0.
    public static let defaultLocalASN: UInt32 = 65000
    /// The remote ASN used when a request gives 0.
    public static let defaultRemoteASN: UInt32 = 65001

    /// What the user is.
    public var userType: UserType
    /// The host's underlay address the tunnel starts from; nil to let the daemon choose.
    public var tunnelSource: IPv4Address?
    /// The device endpoint the tunnel goes to.
    public var tunnelDestination: IPv4Address
    /// The tunnel's /31: the device takes the lower address, the host the upper.
    public var tunnelNet: IPv4Prefix
    /// The DoubleZero IP the host advertises; nil for a multicast subscriber only.
    public var doubleZeroIP: IPv4Address?
    /// Every device's DoubleZero prefixes (edge filtering routes them through the tunnel).
    public var doubleZeroPrefixes: [IPv4Prefix]
    /// Multicast groups to join.
    public var subscriberGroups: [IPv4Address]
    /// Multicast groups to publish to.
    public var publisherGroups: [IPv4Address]
    /// The multicast rendezvous point.
    public var rendezvousPoint: IPv4Address
    /// The host's BGP ASN.
    public var localASN: UInt32
    /// The device's BGP ASN.
    public var remoteASN: UInt32

    /// A request with every field given.
    public init(
        userType: UserType, tunnelSource: IPv4Address? = nil, tunnelDestination: IPv4Address, tunnelNet: IPv4Prefix,
        doubleZeroIP: IPv4Address?, doubleZeroPrefixes: [IPv4Prefix] = [], subscriberGroups: [IPv4Address] = [],
        publisherGroups: [IPv4Address] = [], rendezvousPoint: IPv4Address = ServiceRequest.defaultRendezvousPoint,
        localASN: UInt32 = ServiceRequest.defaultLocalASN, remoteASN: UInt32 = ServiceRequest.defaultRemoteASN
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

    /// Unicast or multicast.
    public var serviceClass: ServiceClass { ServiceClass(userType) }

    /// The host's end of the tunnel (the upper address of the /31).
    public var localOverlay: IPv4Address { tunnelNet.networkAddress.advanced(by: 1) ?? tunnelNet.networkAddress }

    /// The device's end of the tunnel and BGP peer (the lower address of the /31).
    public var remoteOverlay: IPv4Address { tunnelNet.networkAddress }
}
