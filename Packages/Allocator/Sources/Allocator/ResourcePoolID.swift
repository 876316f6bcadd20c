import Models

/// Names one pool of ``ResourcePools`` (serviceability §6.1).
///
/// Ordered as the pools are listed: the four global IP blocks, the two global ID ranges, then
/// per-device pools by device key (tunnel ids before dz_prefixes).
public enum ResourcePoolID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Link /31s and loopback /32s (`GlobalConfig.device_tunnel_block`).
    case deviceTunnelBlock
    /// User tunnel /31s (`GlobalConfig.user_tunnel_block`).
    case userTunnelBlock
    /// Multicast group addresses (`GlobalConfig.multicastgroup_block`).
    case multicastGroupBlock
    /// Multicast publishers' DZ IPs (`GlobalConfig.multicast_publisher_blocks`, RFC 13).
    case multicastPublisherBlock
    /// Link tunnel ids, `[1, 1025)`.
    case linkIDs
    /// Segment-routing node ids of VPNv4 loopbacks, `[1, 65535)`.
    case segmentRoutingIDs
    /// A device's user tunnel ids, `[500, 4596)`.
    case userTunnelIDs(device: PublicKey)
    /// A device's dz_prefixes: DZ IPs of IBRL-with-allocated-IP and edge-filtering users.
    case dzPrefixes(device: PublicKey)

    /// Whether the pool holds IP blocks (rather than integer ids).
    public var holdsAddresses: Bool {
        switch self {
        case .deviceTunnelBlock, .userTunnelBlock, .multicastGroupBlock, .multicastPublisherBlock, .dzPrefixes: true
        case .linkIDs, .segmentRoutingIDs, .userTunnelIDs: false
        }
    }

    /// The device of a per-device pool.
    public var device: PublicKey? {
        switch self {
        case .userTunnelIDs(let device), .dzPrefixes(let device): device
        default: nil
        }
    }

    /// `"user tunnel block"`, `"tunnel ids of device <key>"`, …
    public var description: String {
        switch self {
        case .deviceTunnelBlock: "device tunnel block"
        case .userTunnelBlock: "user tunnel block"
        case .multicastGroupBlock: "multicast group block"
        case .multicastPublisherBlock: "multicast publisher block"
        case .linkIDs: "link ids"
        case .segmentRoutingIDs: "segment routing ids"
        case .userTunnelIDs(let device): "tunnel ids of device \(device)"
        case .dzPrefixes(let device): "dz_prefixes of device \(device)"
        }
    }

    /// Global pools first in listing order, then per-device pools by device key.
    public static func < (lhs: ResourcePoolID, rhs: ResourcePoolID) -> Bool {
        lhs.sortKey < rhs.sortKey
    }

    /// (0 for global pools and 1 for per-device ones, device key, listing rank).
    private var sortKey: (Int, PublicKey, Int) {
        (device == nil ? 0 : 1, device ?? .zero, rank)
    }

    private var rank: Int {
        switch self {
        case .deviceTunnelBlock: 0
        case .userTunnelBlock: 1
        case .multicastGroupBlock: 2
        case .multicastPublisherBlock: 3
        case .linkIDs: 4
        case .segmentRoutingIDs: 5
        case .userTunnelIDs: 6
        case .dzPrefixes: 7
        }
    }
}
