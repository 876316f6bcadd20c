/// Who installed a route or rule (`RTPROT_*`), so each owner can list and flush its own.
public struct RouteProtocol: RawRepresentable, Hashable, Sendable {
    /// The kernel's value.
    public var rawValue: UInt8
    /// Wraps a kernel value.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `RTPROT_UNSPEC` (0): matches any protocol in deletions.
    public static let unspecified = RouteProtocol(rawValue: 0)
    /// `RTPROT_KERNEL` (2): upstream tags its policy rules so systemd-networkd leaves them alone.
    public static let kernel = RouteProtocol(rawValue: 2)
    /// `RTPROT_BOOT` (3).
    public static let boot = RouteProtocol(rawValue: 3)
    /// `RTPROT_STATIC` (4): upstream's static multicast group routes.
    public static let `static` = RouteProtocol(rawValue: 4)
    /// `RTPROT_BGP` (186): routes learned over BGP.
    public static let bgp = RouteProtocol(rawValue: 186)
}
