import Foundation
import Models
import Routing

/// One path of a prefix in bgpd's IPv4 unicast table (`show bgp ipv4 unicast json detail`).
public struct FRRRoute: Hashable, Sendable {
    /// The prefix.
    public var prefix: IPv4Prefix
    /// The AS path, nearest AS first (empty for the device's own routes).
    public var asPath: [UInt32]
    /// The communities carried.
    public var communities: [BGPCommunity]
    /// The next hops (`0.0.0.0` for the device's own routes).
    public var nextHops: [IPv4Address]
    /// The neighbor it came from (`0.0.0.0` for the device's own routes).
    public var peer: IPv4Address?
    /// Whether bgpd considers it usable.
    public var isValid: Bool
    /// Whether it is the best path of its prefix.
    public var isBest: Bool
    /// Whether the device originated it.
    public var isLocal: Bool

    /// The paths of every prefix in the output of `show bgp ipv4 unicast json detail`, whose
    /// `routes` map each prefix to a header object followed by one object per path.
    static func paths(in json: [String: Any]) -> [IPv4Prefix: [FRRRoute]] {
        var table: [IPv4Prefix: [FRRRoute]] = [:]
        for case (let key, let entries as [[String: Any]]) in (json["routes"] as? [String: Any]) ?? [:] {
            guard let prefix = IPv4Prefix(key) else { continue }
            table[prefix] = entries.compactMap { FRRRoute(path: $0, prefix: prefix) }
        }
        return table
    }

    private init?(path: [String: Any], prefix: IPv4Prefix) {
        guard let aspath = path["aspath"] as? [String: Any] else { return nil }
        self.prefix = prefix
        let segments = (aspath["segments"] as? [[String: Any]]) ?? []
        asPath = segments.flatMap { ($0["list"] as? [NSNumber] ?? []).map(\.uint32Value) }
        let community = path["community"] as? [String: Any]
        communities = ((community?["list"] as? [String]) ?? []).compactMap { try? BGPCommunity.parse($0) }
        nextHops = ((path["nexthops"] as? [[String: Any]]) ?? []).compactMap {
            ($0["ip"] as? String).flatMap(IPv4Address.init)
        }
        peer = ((path["peer"] as? [String: Any])?["peerId"] as? String).flatMap(IPv4Address.init)
        isValid = path["valid"] as? Bool ?? false
        isBest = ((path["bestpath"] as? [String: Any])?["overall"] as? Bool) ?? false
        isLocal = path["local"] as? Bool ?? false
    }
}
