extension ServiceRequest {
    /// Whether `other` asks for the same service (`reference/client.md` §2.13): group lists compare
    /// without order, and the fleet's DoubleZero prefixes count only for EdgeFiltering (which
    /// routes them), so a fleet prefix change does not bounce every tunnel.
    public func isSameService(as other: ServiceRequest) -> Bool {
        isSameInfrastructure(as: other) && Set(subscriberGroups) == Set(other.subscriberGroups)
            && Set(publisherGroups) == Set(other.publisherGroups)
    }

    /// Whether `other` differs at most in its multicast group lists, and keeps the publisher role
    /// (a publisher flip changes the tunnel's DZ IP): such a change is applied in place.
    public func isSameInfrastructure(as other: ServiceRequest) -> Bool {
        userType == other.userType && tunnelSource == other.tunnelSource
            && tunnelDestination == other.tunnelDestination && tunnelNet == other.tunnelNet
            && doubleZeroIP == other.doubleZeroIP && rendezvousPoint == other.rendezvousPoint
            && localASN == other.localASN && remoteASN == other.remoteASN
            && publisherGroups.isEmpty == other.publisherGroups.isEmpty
            && (userType != .edgeFiltering || Set(doubleZeroPrefixes) == Set(other.doubleZeroPrefixes))
    }
}
