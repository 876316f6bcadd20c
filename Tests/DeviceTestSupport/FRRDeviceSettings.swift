import Models
import Routing

/// What an ``FRRDevice`` is: its AS, router id, loopback addresses, metro community and the user
/// tunnels it serves.
public struct FRRDeviceSettings: Hashable, Sendable {
    /// The device's AS (`router bgp <asn>`; DoubleZero devices use 65342).
    public var asn: UInt32
    /// The BGP router id.
    public var routerID: IPv4Address
    /// Addresses put on the namespace's `lo` and announced over BGP (the device loopback, its
    /// `dz_prefixes`), each with its own prefix length.
    public var loopbacks: [IPv4Prefix]
    /// The device's exchange (metro) community value (10000–10999), added to every route
    /// accepted from a user; nil for none.
    public var exchangeCommunity: UInt16?
    /// The user tunnels served from the start (more can be added with ``FRRDevice/serve(_:)``).
    public var userTunnels: [DeviceUserTunnel]
    /// Whether pimd runs too (multicast tunnels).
    public var runsPIM: Bool

    /// A device; AS 65342, no metro community, no pimd unless said otherwise.
    public init(
        asn: UInt32 = 65342, routerID: IPv4Address, loopbacks: [IPv4Prefix] = [], exchangeCommunity: UInt16? = nil,
        userTunnels: [DeviceUserTunnel] = [], runsPIM: Bool = false
    ) {
        self.asn = asn
        self.routerID = routerID
        self.loopbacks = loopbacks
        self.exchangeCommunity = exchangeCommunity
        self.userTunnels = userTunnels
        self.runsPIM = runsPIM
    }

    /// The communities a device adds to a route it accepts from `tunnel`'s user:
    /// `21682:1200` (unicast) or `21682:1300` (multicast), then the metro community if any.
    public func communities(for tunnel: DeviceUserTunnel) -> [BGPCommunity] {
        let all: BGPCommunity = tunnel.kind == .unicast ? .allUsers : .allMulticastUsers
        let metro = exchangeCommunity.map { BGPCommunity(asn: BGPCommunity.doubleZeroASN, value: $0) }
        return [all] + (metro.map { [$0] } ?? [])
    }
}
