/// Why a device gets no configuration at all (and is left out of every other device's iBGP and
/// MSDP peer lists). The descriptions are the upstream controller's texts.
public enum DeviceConfigPathology: Hashable, Sendable, CustomStringConvertible {
    /// The device has no interface with loopback type `vpnv4`.
    case missingVPNv4Loopback
    /// The device has no interface with loopback type `ipv4`.
    case missingIPv4Loopback
    /// The VPNv4 loopback has no address yet.
    case unassignedVPNv4Loopback(interface: String)
    /// The IPv4 loopback has no address yet.
    case unassignedIPv4Loopback(interface: String)
    /// The device's exchange is not in the ledger, so it has no metro community.
    case unknownExchange(exchange: String)
    /// The device's exchange has community 0 (not assigned).
    case unassignedMetroCommunity(exchange: String)
    /// The device's exchange community is outside 10000...10999.
    case metroCommunityOutOfRange(exchange: String, value: UInt16)

    /// The reason, as the upstream controller words it (plus the exchange or interface concerned).
    public var description: String {
        switch self {
        case .missingVPNv4Loopback:
            "no or invalid VPNv4 loopback interface found for device"
        case .missingIPv4Loopback:
            "no or invalid IPv4 loopback interface found for device"
        case .unassignedVPNv4Loopback(let interface):
            "VPNv4 loopback interface is unassigned (0.0.0.0) (\(interface))"
        case .unassignedIPv4Loopback(let interface):
            "IPv4 loopback interface is unassigned (0.0.0.0) (\(interface))"
        case .unknownExchange(let exchange):
            "device exchange bgp_community=0 (exchange \(exchange) is not in the ledger)"
        case .unassignedMetroCommunity(let exchange):
            "device exchange bgp_community=0 (exchange \(exchange))"
        case .metroCommunityOutOfRange(let exchange, let value):
            "exchange BGP community \(value) is out of valid range "
                + "(\(BGPCommunity.metroValues.lowerBound)-\(BGPCommunity.metroValues.upperBound)) (exchange \(exchange))"
        }
    }
}
