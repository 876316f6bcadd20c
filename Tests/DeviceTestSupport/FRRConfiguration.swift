import Models
import Routing

/// The FRR configuration of a device: the config files its daemons start with and the command
/// lines that change it at run time, all from ``FRRDeviceSettings``.
///
/// Each piece is a list of lines in FRR's configuration language that works both in a config
/// file and typed into `vtysh` after `configure terminal` (every block names its own context:
/// `router bgp`, `route-map`, and ends with `exit`). The user policy follows client.md §2.16 and
/// controlplane.md S13–S15, translated from EOS to FRR:
///
/// - neighbor = the client's overlay address, `remote-as 65000`, under `router bgp <device AS>`
///   (so the device AS is the local AS, which EOS sets with `local-as … no-prepend replace-as`),
///   `passive`, `timers 1 3`, `maximum-prefix 1` (FRR counts accepted routes, like EOS
///   `maximum-accepted-routes 1`);
/// - in: `RM-USER-<id>-IN` permits only prefix-list `PL-USER-<id>` (the DZ IP `/32`; deny-all
///   for a subscriber-only user) with an AS path of exactly one AS (as-path list
///   `AS-PATH-ONE-AS`, FRR having no `match as-path length`), and sets `21682:1200` (unicast) or
///   `21682:1300` (multicast) plus the metro community;
/// - out: `RM-USER-<id>-OUT` sends the routes carrying `21682:1200` (unicast) or `21682:1300`
///   (multicast) and the device's own routes (prefix-list `PL-DEVICE-OWN`: its loopbacks and
///   what ``FRRDevice/announce(_:communities:)`` originates; FRR 8.4's `match peer local` does
///   not match `network` routes on the way out); for multicast users with a metro community,
///   routes of the device's own metro are denied first (RFC 6);
/// - `soft-reconfiguration inbound` on every user neighbor, so a test can see what a user sent
///   that the policy refused (`show bgp ipv4 unicast neighbors X received-routes`).
public struct FRRConfiguration: Sendable {
    /// The as-path access list matching a path of exactly one AS.
    public static let oneASPathList = "AS-PATH-ONE-AS"
    /// The prefix-list of the routes the device originates (sent to every user).
    public static let ownPrefixList = "PL-DEVICE-OWN"

    /// The device.
    public let settings: FRRDeviceSettings
    /// The `hostname` the daemons show.
    public let hostname: String

    /// The configuration of a device called `hostname`.
    public init(settings: FRRDeviceSettings, hostname: String) {
        self.settings = settings
        self.hostname = hostname
    }

    /// zebra's config file: forwarding on, so the device routes between its users.
    public var zebra: String {
        file(["hostname \(hostname)", "ip forwarding"])
    }

    /// staticd's config file (empty: static routes are added at run time, if at all).
    public var staticd: String {
        file(["hostname \(hostname)"])
    }

    /// pimd's config file: PIM on every user tunnel of a multicast user.
    public var pimd: String {
        var lines = ["hostname \(hostname)"]
        for tunnel in settings.userTunnels where tunnel.kind != .unicast {
            lines += ["interface \(tunnel.interfaceName)", " ip pim", "exit"]
        }
        return file(lines)
    }

    /// bgpd's config file: the router, the shared lists, the loopbacks and every user tunnel.
    public var bgpd: String {
        var lines = [
            "hostname \(hostname)",
            "frr defaults traditional",
            "bgp as-path access-list \(Self.oneASPathList) seq 5 permit ^[0-9]+$",
            "bgp community-list standard COMM-ALL_USERS seq 5 permit \(BGPCommunity.allUsers)",
            "bgp community-list standard COMM-ALL_MCAST_USERS seq 5 permit \(BGPCommunity.allMulticastUsers)",
        ]
        if let metro = settings.exchangeCommunity {
            lines.append(
                "bgp community-list standard COMM-METRO_USERS seq 5 permit \(BGPCommunity.doubleZeroASN):\(metro)")
        }
        lines += [
            "router bgp \(settings.asn)",
            " bgp router-id \(settings.routerID)",
            " no bgp ebgp-requires-policy",
            " no bgp network import-check",
            " address-family ipv4 unicast",
        ]
        lines += settings.loopbacks.map { "  network \($0.network)" }
        lines += [" exit-address-family", "exit"]
        lines += settings.loopbacks.map { "ip prefix-list \(Self.ownPrefixList) permit \($0.network)" }
        for tunnel in settings.userTunnels { lines += userTunnelLines(tunnel) }
        return file(lines)
    }

    /// The lines that serve `tunnel`'s user: its prefix-list, route-maps and neighbor.
    public func userTunnelLines(_ tunnel: DeviceUserTunnel) -> [String] {
        guard let neighbor = tunnel.clientOverlay else { return [] }
        let id = tunnel.id
        var lines: [String] = []
        if let dzIP = tunnel.dzIP, tunnel.kind != .multicastSubscriber {
            lines.append("ip prefix-list PL-USER-\(id) seq 10 permit \(dzIP)/32")
        } else {
            lines.append("ip prefix-list PL-USER-\(id) seq 10 deny 0.0.0.0/0 le 32")
        }
        let communities = settings.communities(for: tunnel).map(\.description).joined(separator: " ")
        lines += [
            "route-map RM-USER-\(id)-IN permit 10",
            " match ip address prefix-list PL-USER-\(id)",
            " match as-path \(Self.oneASPathList)",
            " set community \(communities)",
            "exit",
        ]
        if tunnel.kind != .unicast, settings.exchangeCommunity != nil {
            lines += ["route-map RM-USER-\(id)-OUT deny 10", " match community COMM-METRO_USERS", "exit"]
        }
        let users = tunnel.kind == .unicast ? "COMM-ALL_USERS" : "COMM-ALL_MCAST_USERS"
        lines += [
            "route-map RM-USER-\(id)-OUT permit 20", " match community \(users)", "exit",
            "route-map RM-USER-\(id)-OUT permit 30", " match ip address prefix-list \(Self.ownPrefixList)", "exit",
            "router bgp \(settings.asn)",
            " neighbor \(neighbor) remote-as 65000",
            " neighbor \(neighbor) description USER-\(id)",
            " neighbor \(neighbor) passive",
            " neighbor \(neighbor) timers 1 3",
            " address-family ipv4 unicast",
            "  neighbor \(neighbor) soft-reconfiguration inbound",
            "  neighbor \(neighbor) maximum-prefix 1",
            "  neighbor \(neighbor) route-map RM-USER-\(id)-IN in",
            "  neighbor \(neighbor) route-map RM-USER-\(id)-OUT out",
            " exit-address-family",
            "exit",
        ]
        return lines
    }

    /// The lines that stop serving `tunnel`'s user: the neighbor, then its policy.
    public func userTunnelRemovalLines(_ tunnel: DeviceUserTunnel) -> [String] {
        var lines: [String] = []
        if let neighbor = tunnel.clientOverlay {
            lines += ["router bgp \(settings.asn)", " no neighbor \(neighbor)", "exit"]
        }
        return lines + [
            "no route-map RM-USER-\(tunnel.id)-IN", "no route-map RM-USER-\(tunnel.id)-OUT",
            "no ip prefix-list PL-USER-\(tunnel.id)",
        ]
    }

    /// The lines that originate `prefix` (a `network` statement, which needs no route in the
    /// RIB, and an entry in ``ownPrefixList``), tagged with `communities` through a route-map of
    /// its own when there are any.
    public func announcementLines(_ prefix: IPv4Prefix, communities: [BGPCommunity]) -> [String] {
        var lines = ["ip prefix-list \(Self.ownPrefixList) permit \(prefix.network)"]
        var network = "  network \(prefix.network)"
        if !communities.isEmpty {
            let map = Self.announcementMapName(prefix)
            lines += [
                "route-map \(map) permit 10",
                " set community \(communities.map(\.description).joined(separator: " "))", "exit",
            ]
            network += " route-map \(map)"
        }
        return lines + [
            "router bgp \(settings.asn)", " address-family ipv4 unicast", network, " exit-address-family", "exit",
        ]
    }

    /// The lines that withdraw `prefix` (and drop its route-map, if it had one).
    public func withdrawalLines(_ prefix: IPv4Prefix, hadCommunities: Bool) -> [String] {
        let lines = [
            "router bgp \(settings.asn)", " address-family ipv4 unicast", "  no network \(prefix.network)",
            " exit-address-family", "exit", "no ip prefix-list \(Self.ownPrefixList) permit \(prefix.network)",
        ]
        return hadCommunities ? lines + ["no route-map \(Self.announcementMapName(prefix))"] : lines
    }

    /// `RM-ANNOUNCE-10-20-0-0-16` for `10.20.0.0/16`.
    static func announcementMapName(_ prefix: IPv4Prefix) -> String {
        "RM-ANNOUNCE-" + prefix.network.description.map { $0 == "." || $0 == "/" ? "-" : String($0) }.joined()
    }

    private func file(_ lines: [String]) -> String {
        (["! rendered by DeviceTestSupport's FRRConfiguration"] + lines + ["end"]).joined(separator: "\n") + "\n"
    }
}
