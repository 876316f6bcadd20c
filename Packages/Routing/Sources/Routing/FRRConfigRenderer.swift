import Models

/// Renders a ``DeviceConfig`` as an FRR configuration for a Linux software device: one
/// `frr.conf`-style text (zebra, staticd, pimd and bgpd parts, in FRR 8.4's language) that
/// `vtysh -f` and `frr-reload.py` accept.
///
/// The user policy is the EOS one (``EOSConfigRenderer``, RFC 6), translated:
///
/// - per user `PL-USER-<id>` (the DZ IP /32; deny-all for a subscriber-only multicast user) and
///   `RM-USER-<id>-IN` permitting it with an AS path of exactly one AS (as-path list
///   ``oneASPathList``, as FRR has no `match as-path length`), setting `21682:1200` (unicast) or
///   `21682:1300` (multicast) and the device's metro community;
/// - `RM-USER-<id>-OUT`: `deny 10` the own metro's community list (multicast users, and unicast
///   users with metro routing), then `permit 20` the all-users (or all-multicast-users) list;
/// - the neighbor: the client's overlay address, `remote-as 65000`, `passive`, `maximum-prefix 1`,
///   `shutdown` on a drained device; hold time 3 s from `timers bgp 1 3`.
///
/// What differs from the EOS text, on purpose: there is no VRF (user tunnels live in the default
/// table, so `router bgp 65342` is the users' AS and no `local-as` is needed); iBGP runs only with
/// the devices at the other end of this device's live links, over IPv4 loopbacks reached through
/// a static route via the link's /31 (no IS-IS), each neighbor a route-reflector client with
/// `next-hop-self force` so routes cross more than one hop; user neighbors get `as-override`; the
/// text is the whole desired state (no "negate-then-define" lines, no empty slots: `frr-reload.py`
/// computes the difference with the running configuration). Package README: the full list.
public enum FRRConfigRenderer {
    /// The device (iBGP) ASN: the AS of `router bgp`, which users see.
    public static let deviceASN = EOSConfigRenderer.deviceASN
    /// The ASN of the user side of user BGP sessions.
    public static let userASN = EOSConfigRenderer.userASN
    /// The as-path access list matching a path of exactly one AS.
    public static let oneASPathList = "AS-PATH-LENGTH-1"
    /// `bgp route-map delay-timer`: how long bgpd waits after a route-map change before it
    /// applies it to the routes it holds (FRR's default is 5 s). bgpd also holds back every
    /// neighbor created by a config load until this timer has run (its post-config delay), so a
    /// user added by `frr-reload.py` would refuse its host's session for the whole default; 1 s
    /// keeps both a community change and a new user's first session within about a second.
    public static let routeMapDelaySeconds = 1
    /// The longest Linux interface name (`IFNAMSIZ` - 1).
    public static let maxLinuxInterfaceNameLength = 15

    /// The FRR config text of `config`.
    ///
    /// - Throws: ``DeviceConfigError/unsafeName(device:field:value:)`` when a name that goes into the
    ///   text (interface names, peer and exchange codes, link codes)
    ///   contains whitespace or a control character.
    public static func render(_ config: DeviceConfig) throws(DeviceConfigError) -> String {
        try validateNames(of: config)
        var writer = ConfigTextWriter(capacity: 4_000 + config.tunnels.count * 120 + config.links.count * 200)
        writer.lines(["frr defaults traditional", "bgp route-map delay-timer \(routeMapDelaySeconds)", "!"])
        interfaces(config, &writer)
        staticRoutes(config, &writer)
        pim(config, &writer)
        bgpLists(config, &writer)
        routeMaps(config, &writer)
        bgp(config, &writer)
        writer.line("end")
        return writer.text
    }

    /// The iBGP neighbors of `config`: the healthy devices at the other end of its links that carry
    /// traffic, once each, in ledger order (the order of ``DeviceConfig/ipv4Peers``).
    public static func iBGPNeighbors(of config: DeviceConfig) -> [IBGPPeer] {
        let linked = Set(config.links.filter(\.carriesTraffic).compactMap(\.peer?.address))
        return config.ipv4Peers.filter { linked.contains($0.address) && $0.address != config.ipv4Loopback.address }
    }

    /// Whether `name` can be a Linux interface name: 1 to 15 bytes, not `.` or `..`, without `/`,
    /// `:`, whitespace or control characters.
    public static func isLinuxInterfaceName(_ name: String) -> Bool {
        guard (1...maxLinuxInterfaceNameLength).contains(name.utf8.count), name != ".", name != ".." else {
            return false
        }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == ":" || EOSConfigRenderer.isUnsafe($0) }
    }

    // MARK: - Validation

    static func validateNames(of config: DeviceConfig) throws(DeviceConfigError) {
        var names: [(field: String, value: String)] = [("exchange code", config.metroCommunityList.exchangeCode)]
        names += config.ipv4Peers.map { ("peer name", $0.name) }
        names += config.communityLists.map { ("exchange code", $0.exchangeCode) }
        names += config.links.map { ("link code", $0.code) }
        names += config.links.map { ("interface name", $0.interfaceName) }
        for (field, value) in names where value.unicodeScalars.contains(where: EOSConfigRenderer.isUnsafe) {
            throw .unsafeName(device: config.code, field: field, value: value)
        }
    }

    // MARK: - zebra: loopbacks and link addresses

    static func interfaces(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        w.line("interface lo")
        w.line(" ip address \(config.vpnv4Loopback.address)/32")
        if config.ipv4Loopback.address != config.vpnv4Loopback.address {
            w.line(" ip address \(config.ipv4Loopback.address)/32")
        }
        w.lines([" ip address \(EOSConfigRenderer.rendezvousPoint)/32", " ip pim", "exit", "!"])
        for link in config.links {
            guard isLinuxInterfaceName(link.interfaceName) else {
                w.line("! \(link.interfaceName) is not a Linux interface name: its address is left to the device agent")
                continue
            }
            w.line("interface \(link.interfaceName)")
            if !link.code.isEmpty { w.line(" description \(link.code)") }
            w.lines([" ip address \(link.localAddress)/31", " ip pim", "exit", "!"])
        }
        for tunnel in config.tunnels {
            guard let user = tunnel.user, user.isMulticast else { continue }
            w.lines([
                "interface Tunnel\(tunnel.id)",
                " ip pim",
                " ip pim drpriority \(maxDRPriority)",
                " ip multicast boundary oil \(boundaryList(tunnel.id))",
                "exit",
                "!",
            ])
        }
    }

    // MARK: - pimd: the anycast RP, MSDP between devices, the boundaries

    /// The highest PIM DR priority: the device is the DR on every user tunnel (EOS: `pim ipv4
    /// dr-priority 4294967295`).
    public static let maxDRPriority: UInt32 = 4_294_967_295

    /// The prefix list of a multicast tunnel's boundary: its groups, then every other group denied.
    static func boundaryList(_ id: UInt16) -> String { "PL-MCAST-BOUNDARY-\(id)" }

    /// `ip pim rp` for the group block on the anycast RP every device holds on `lo`, and an MSDP
    /// peer for every other healthy device's IPv4 loopback (sourced from this device's own), so a
    /// source registered at one device's RP is known at every other's.
    ///
    /// A full mesh of plain peers rather than EOS's mesh group: each device sends its sources'
    /// SAs to every other directly (originator id = its IPv4 loopback, unique where the anycast RP
    /// is not), so the peer-RPF check passes everywhere; and FRR 8.4 writes a mesh group's members
    /// back as plain `ip msdp peer` lines, which `frr-reload.py` would then fight.
    static func pim(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        w.line("ip pim rp \(EOSConfigRenderer.rendezvousPoint) \(config.multicastGroupBlock)")
        // FRR's timers stay (a refused peer is retried after 30 s): FRR 8.4 writes `ip msdp
        // timers` back with keepalive and hold swapped, so any other value would never settle.
        for peer in config.ipv4Peers where peer.address != config.ipv4Loopback.address {
            w.line("ip msdp peer \(peer.addressText) source \(config.ipv4Loopback.address)")
        }
        w.line("!")
        var any = false
        for tunnel in config.tunnels {
            guard let user = tunnel.user, case .multicast(_, _, let boundary) = user.service else { continue }
            any = true
            let list = boundaryList(tunnel.id)
            for (index, group) in boundary.enumerated() {
                w.line("ip prefix-list \(list) seq \(5 * (index + 1)) permit \(group)/32")
            }
            w.line("ip prefix-list \(list) seq \(5 * (boundary.count + 1)) deny 224.0.0.0/4 le 32")
        }
        if any { w.line("!") }
    }

    // MARK: - staticd: the way to each linked peer's loopback

    static func staticRoutes(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        var seen = Set<String>()
        for link in config.links where link.carriesTraffic {
            guard let peer = link.peer, peer.address != config.ipv4Loopback.address else { continue }
            let route = "ip route \(peer.addressText)/32 \(link.peerAddress)"
            if seen.insert(route).inserted { w.line(route) }
        }
        if !seen.isEmpty { w.line("!") }
    }

    // MARK: - bgpd: lists, route-maps, router

    static func bgpLists(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        w.line("bgp as-path access-list \(oneASPathList) seq 5 permit ^[0-9]+$")
        w.line("!")
        w.line("bgp community-list standard COMM-ALL_USERS seq 5 permit \(BGPCommunity.allUsers)")
        w.line("bgp community-list standard COMM-ALL_MCAST_USERS seq 5 permit \(BGPCommunity.allMulticastUsers)")
        for list in config.communityLists {
            w.line("bgp community-list standard \(list.name) seq 5 permit \(list.community)")
        }
        w.line("!")
        var any = false
        for tunnel in config.tunnels {
            guard let user = tunnel.user else { continue }
            any = true
            if case .multicast(let publishers, _, _) = user.service, publishers.isEmpty {
                w.line("ip prefix-list PL-USER-\(tunnel.id) seq 10 deny 0.0.0.0/0 le 32")
            } else {
                w.line("ip prefix-list PL-USER-\(tunnel.id) seq 10 permit \(user.dzIp)/32")
            }
        }
        if any { w.line("!") }
    }

    static func routeMaps(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        let metro = config.metroCommunityList
        for tunnel in config.tunnels {
            guard let user = tunnel.user else { continue }
            let id = String(tunnel.id)
            let all = user.isMulticast ? BGPCommunity.allMulticastUsers : BGPCommunity.allUsers
            w.lines([
                "route-map RM-USER-\(id)-IN permit 10",
                " match ip address prefix-list PL-USER-\(id)",
                " match as-path \(oneASPathList)",
                " set community \(all) \(metro.community)",
                "exit",
                "!",
            ])
            if deniesOwnMetro(user) {
                w.lines(["route-map RM-USER-\(id)-OUT deny 10", " match community \(metro.name)", "exit", "!"])
            }
            w.lines([
                "route-map RM-USER-\(id)-OUT permit 20",
                user.isMulticast ? " match community COMM-ALL_MCAST_USERS" : " match community COMM-ALL_USERS",
                "exit",
                "!",
            ])
        }
    }

    /// RFC 6: multicast users, and unicast users with metro routing, are not sent their own metro's routes.
    static func deniesOwnMetro(_ user: DeviceConfigTunnelUser) -> Bool {
        switch user.service {
        case .unicast(_, let metroRouting): metroRouting
        case .multicast: true
        }
    }

    static func bgp(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        let peers = iBGPNeighbors(of: config)
        let users = config.tunnels.compactMap { tunnel in tunnel.user.map { (id: tunnel.id, user: $0) } }
        let source = config.ipv4Loopback.address.description
        w.lines([
            "router bgp \(deviceASN)",
            " bgp router-id \(config.vpnv4Loopback.address)",
            " timers bgp 1 3",
        ])
        for peer in peers {
            let neighbor = " neighbor " + peer.addressText
            w.line(neighbor, " remote-as ", String(deviceASN))
            w.line(neighbor, " description ", peer.name, "-ipv4")
            w.line(neighbor, " update-source ", source)
            w.line(neighbor, " timers 3 9")
        }
        for (id, user) in users {
            let neighbor = " neighbor " + user.overlayDestination.description
            w.line(neighbor, " remote-as ", String(userASN))
            w.line(neighbor, " description USER-", String(id))
            w.line(neighbor, " passive")
            if config.isDrained { w.line(neighbor, " shutdown") }
        }
        w.lines([" !", " address-family ipv4 unicast"])
        // The IPv4 loopback, for the MSDP mesh and PIM's RPF to devices beyond the linked ones
        // (users are not sent it: their out maps permit only user communities).
        w.line("  network ", source, "/32")
        for peer in peers {
            let neighbor = "  neighbor " + peer.addressText
            w.line(neighbor, " next-hop-self force")
            w.line(neighbor, " route-reflector-client")
        }
        for (id, user) in users {
            let neighbor = "  neighbor " + user.overlayDestination.description
            let id = String(id)
            w.line(neighbor, " as-override")
            w.line(neighbor, " soft-reconfiguration inbound")
            w.line(neighbor, " maximum-prefix 1")
            w.line(neighbor, " route-map RM-USER-", id, "-IN in")
            w.line(neighbor, " route-map RM-USER-", id, "-OUT out")
        }
        w.lines([" exit-address-family", "exit", "!"])
    }
}
