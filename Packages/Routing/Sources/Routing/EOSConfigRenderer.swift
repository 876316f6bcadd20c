import Models

/// Renders a ``DeviceConfig`` as Arista EOS configuration text, byte-compatible with the upstream
/// controller's template (`reference/controlplane.md` §4.6–4.7).
///
/// The text is a flat list of CLI lines applied in one configuration session. Indentation is 3
/// spaces per level, `!` separates blocks, there are no blank lines, and the text ends with one
/// `\n`. Per-user objects are negated for every slot and re-defined only for allocated slots
/// ("negate-then-define"), so removing a user only means no longer rendering its slot.
///
/// Sections, in order: hardware preamble, logging/DNS/clock/PIM RP, VRFs, NTP, control-plane ACL,
/// interfaces (IS-IS on links), RP loopback and MPLS, user tunnels, unknown-peer removal, BGP,
/// IS-IS, community lists, outbound and inbound user route-maps, prefix-lists, user ACLs,
/// multicast boundary ACLs, shared multicast ACLs, MSDP.
public enum EOSConfigRenderer {
    /// The device (iBGP) ASN.
    public static let deviceASN: UInt32 = 65342
    /// The ASN of the user side of user BGP sessions.
    public static let userASN: UInt32 = 65000
    /// ``deviceASN`` as text.
    static let deviceASNText = String(deviceASN)
    /// ``userASN`` as text.
    static let userASNText = String(userASN)
    /// The PIM rendezvous-point address (on `Loopback1000`).
    public static let rendezvousPoint: IPv4Address = "10.0.0.0"

    /// The config text of `config`.
    ///
    /// - Parameter unknownPeers: BGP neighbours to remove (see ``DeviceConfig/unknownPeers(reported:)``).
    /// - Throws: ``DeviceConfigError/unsafeName(device:field:value:)`` when a name that goes into the
    ///   text contains whitespace or a control character.
    public static func render(_ config: DeviceConfig, unknownPeers: [IPv4Address] = []) throws(DeviceConfigError)
        -> String
    {
        try validateNames(of: config)
        let capacity = 16_000 + config.tunnels.count * 600 + (config.ipv4Peers.count + config.vpnv4Peers.count) * 400
        var writer = ConfigTextWriter(capacity: capacity)
        preamble(config, &writer)
        interfaces(config, &writer)
        tunnels(config, &writer)
        for peer in unknownPeers { unknownPeerRemoval(peer, config, &writer) }
        bgp(config, &writer)
        isis(config, &writer)
        communityLists(config, &writer)
        routeMaps(config, &writer)
        prefixLists(config, &writer)
        accessLists(config, &writer)
        msdp(config, &writer)
        return writer.text
    }

    // MARK: - Validation

    /// Rejects names that would break a CLI line (upstream: any whitespace or control character).
    static func validateNames(of config: DeviceConfig) throws(DeviceConfigError) {
        var names: [(field: String, value: String)] = [
            ("mgmt VRF", config.mgmtVrf), ("exchange code", config.exchangeCode), ("ISIS NET", config.isisNet),
            ("VPNv4 loopback name", config.vpnv4Loopback.name), ("IPv4 loopback name", config.ipv4Loopback.name),
        ]
        names += config.interfaces.map { ("interface name", $0.name) }
        names += config.ipv4Peers.map { ("peer name", $0.name) }
        names += config.vpnv4Peers.map { ("peer name", $0.name) }
        names += config.communityLists.map { ("exchange code", $0.exchangeCode) }
        for (field, value) in names where value.unicodeScalars.contains(where: isUnsafe) {
            throw .unsafeName(device: config.code, field: field, value: value)
        }
    }

    /// Whitespace or a control character (ASCII decided without the Unicode tables).
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    // MARK: - S1–S5: preamble, VRFs, NTP, control-plane ACL

    static func preamble(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        if !config.noHardware {
            w.lines([
                "!",
                "hardware counter feature gre tunnel interface out",
                "hardware counter feature gre tunnel interface in",
                "!",
                "hardware access-list update default-result permit",
            ])
        }
        let nameServerVrf = config.mgmtVrf.isEmpty ? "default" : config.mgmtVrf
        w.lines([
            "!",
            "logging buffered 128000",
            "no logging console",
            "logging facility local7",
            "!",
            "ip name-server vrf \(nameServerVrf) 1.1.1.1",
            "ip name-server vrf \(nameServerVrf) 9.9.9.9",
            "clock timezone UTC",
            "!",
            "ip multicast-routing",
            "!",
            "router pim sparse-mode",
            "   ipv4",
            "      rp address \(rendezvousPoint) \(config.multicastGroupBlock) override",
            "!",
        ])
        for vrf in config.unicastVrfs { w.line("vrf instance vrf\(vrf)") }
        w.line("ip routing")
        for vrf in config.unicastVrfs { w.line("ip routing vrf vrf\(vrf)") }
        w.line("!")
        let ntpVrf = config.mgmtVrf.isEmpty ? "" : "vrf \(config.mgmtVrf) "
        for server in 0...2 { w.line("ntp server \(ntpVrf)\(server).pool.ntp.org") }
        w.line("!")
        if !config.noHardware {
            w.lines(["hardware access-list update default-result permit", "!"])
        }
        w.lines(controlPlaneACL)
        w.lines([
            "   280 remark Permit TWAMP (UDP \(config.twampPort))",
            "   290 permit udp any any eq \(config.twampPort)",
            "!",
            "system control-plane",
            "   ip access-group MAIN-CONTROL-PLANE-ACL in",
            "!",
            "management api gnmi",
            "   provider eos-native",
            "!",
        ])
    }

    /// The static part of the control-plane ACL (entries 10 to 270).
    static let controlPlaneACL = [
        "no ip access-list MAIN-CONTROL-PLANE-ACL",
        "ip access-list MAIN-CONTROL-PLANE-ACL",
        "   counters per-entry",
        "   10 permit icmp any any",
        "   20 permit ip any any tracked",
        "   30 permit udp any any eq bfd ttl eq 255",
        "   40 permit udp any any eq bfd-echo ttl eq 254",
        "   50 permit udp any any eq multihop-bfd micro-bfd sbfd",
        "   60 permit udp any eq sbfd any eq sbfd-initiator",
        "   70 permit ospf any any",
        "   80 permit tcp any any eq ssh telnet www snmp bgp https msdp ldp netconf-ssh gnmi",
        "   90 permit udp any any eq bootps bootpc snmp rip ntp ldp ptp-event ptp-general",
        "   100 permit tcp any any eq mlag ttl eq 255",
        "   110 permit udp any any eq mlag ttl eq 255",
        "   120 permit vrrp any any",
        "   130 permit ahp any any",
        "   140 permit pim any any",
        "   150 permit igmp any any",
        "   160 permit tcp any any range 5900 5910",
        "   170 permit tcp any any range 50000 50100",
        "   180 permit udp any any range 51000 51100",
        "   190 permit tcp any any eq 3333",
        "   200 permit tcp any any eq nat ttl eq 255",
        "   210 permit tcp any eq bgp any",
        "   220 permit rsvp any any",
        "   230 permit tcp any any eq 9340",
        "   240 permit tcp any any eq 9559",
        "   250 permit udp any any eq 8503",
        "   260 permit udp any any eq lsp-ping",
        "   270 permit udp any eq lsp-ping any",
    ]

    // MARK: - S6: interfaces, RP loopback, MPLS

    static func interfaces(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        for interface in config.interfaces {
            w.line("interface \(interface.name)")
            if interface.isPhysical {
                w.line("   mtu \(interface.mtu)")
                if !interface.isSubInterface && !interface.isVlanInterface { w.line("   no switchport") }
            }
            if interface.vlanId != 0 { w.line("   encapsulation dot1q vlan \(interface.vlanId)") }
            if let address = interface.address { w.line("   ip address \(address)") }
            let carriesRouting =
                interface.isPhysical && interface.address != nil && !interface.isSubInterfaceParent && !interface.isEdge
            if carriesRouting { w.line("   pim ipv4 sparse-mode") }
            if interface.isVPNv4Loopback && interface.nodeSegmentIndex != 0 {
                w.line("   node-segment ipv4 index \(interface.nodeSegmentIndex)")
            }
            if interface.isLoopback && interface.address != nil { w.line("   isis enable 1") }
            if carriesRouting, let link = interface.isisLink, link.metric != 0 {
                w.lines([
                    "   isis enable 1",
                    "   isis circuit-type level-2",
                    "   isis hello-interval 1",
                    "   isis metric \(link.metric)",
                    link.isPassive ? "   isis passive" : "   no isis passive",
                    "   isis hello padding",
                    "   isis network point-to-point",
                ])
            }
            w.line("!")
        }
        w.lines([
            "interface Loopback1000",
            "   description RP Address",
            "   ip address \(rendezvousPoint)/32",
            "!",
            "mpls ip",
            "!",
            "mpls icmp ttl-exceeded tunneling",
            "mpls icmp ip source-interface \(config.vpnv4Loopback.name)",
            "!",
        ])
    }

    // MARK: - S7: user tunnels

    static func tunnels(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        for tunnel in config.tunnels { w.line("default interface Tunnel", String(tunnel.id)) }
        for tunnel in config.tunnels {
            guard let user = tunnel.user else { continue }
            let id = tunnel.id
            w.line("interface Tunnel\(id)")
            switch user.service {
            case .unicast(let vrf, _):
                w.line("   description USER-UCAST-\(id)")
                if !config.noHardware { w.line("   ip access-group SEC-USER-\(id)-IN in") }
                w.line("   vrf vrf\(vrf)")
            case .multicast(let publishers, _, _):
                w.line("   description USER-MCAST-\(id)")
                if !config.noHardware {
                    w.line(
                        publishers.isEmpty
                            ? "   ip access-group SEC-USER-SUB-MCAST-IN in"
                            : "   ip access-group SEC-USER-PUB-MCAST-IN in")
                }
                w.line("   multicast ipv4 boundary SEC-USER-MCAST-BOUNDARY-\(id)-OUT out")
                w.line("   pim ipv4 sparse-mode")
                if !publishers.isEmpty { w.line("   pim ipv4 border-router") }
                w.line("   pim ipv4 dr-priority 4294967295")
            }
            w.lines([
                "   mtu 9216",
                "   ip address \(user.overlaySource)/31",
                "   tunnel mode gre",
                "   tunnel source \(user.underlaySource)",
                "   tunnel destination \(user.underlayDestination)",
                "   tunnel path-mtu-discovery",
                "   tunnel ttl 32",
                "   no shutdown",
                "!",
            ])
        }
    }

    // MARK: - S8–S9: BGP

    static func unknownPeerRemoval(_ peer: IPv4Address, _ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        w.lines([
            "router bgp \(deviceASN)",
            "   no neighbor \(peer)",
            "   address-family ipv4",
            "      no neighbor \(peer)",
            "   !",
            "   address-family vpn-ipv4",
            "      no neighbor \(peer)",
            "   !",
        ])
        for vrf in config.unicastVrfs {
            w.line("   vrf vrf\(vrf)")
            w.line("      no neighbor \(peer)")
        }
        w.line("!")
    }

    static func bgp(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        let ipv4Peers = config.ipv4Peers.filter { $0.address != config.ipv4Loopback.address }
        let vpnv4Peers = config.vpnv4Peers.filter { $0.address != config.vpnv4Loopback.address }
        w.lines([
            "router bgp \(deviceASN)",
            "   router-id \(config.vpnv4Loopback.address)",
            "   timers bgp 1 3",
            "   distance bgp 20 200 200",
        ])
        for peer in ipv4Peers { iBGPNeighbor(peer, source: config.ipv4Loopback.name, family: "-ipv4", &w) }
        for peer in vpnv4Peers { iBGPNeighbor(peer, source: config.vpnv4Loopback.name, family: "-vpnv4", &w) }
        for tunnel in config.tunnels {
            if let user = tunnel.user, user.isMulticast { userNeighbor(tunnel.id, user, config, indent: "   ", &w) }
        }
        w.line("   address-family ipv4")
        for tunnel in config.tunnels {
            if let user = tunnel.user, user.isMulticast {
                w.line("      neighbor ", user.overlayDestination.description, " activate")
            }
        }
        for peer in ipv4Peers { w.line("      neighbor ", peer.addressText, " activate") }
        for peer in vpnv4Peers { w.line("      no neighbor ", peer.addressText, " activate") }
        w.line("   !")
        w.line("   address-family vpn-ipv4")
        for peer in vpnv4Peers { w.line("      neighbor ", peer.addressText, " activate") }
        w.line("   !")
        for vrf in config.unicastVrfs {
            w.lines([
                "   vrf vrf\(vrf)",
                "      rd \(deviceASN):\(vrf)",
                "      route-target import vpn-ipv4 \(deviceASN):\(vrf)",
                "      route-target export vpn-ipv4 \(deviceASN):\(vrf)",
                "      router-id \(config.publicIp)",
            ])
            for tunnel in config.tunnels {
                guard let user = tunnel.user, case .unicast(let userVrf, _) = user.service, userVrf == vrf else {
                    continue
                }
                userNeighbor(tunnel.id, user, config, indent: "      ", &w)
            }
        }
        w.line("!")
    }

    /// The 7 lines of an iBGP neighbour.
    static func iBGPNeighbor(_ peer: IBGPPeer, source: String, family: String, _ w: inout ConfigTextWriter) {
        let address = peer.addressText
        w.line("   no neighbor ", address)
        w.line("   neighbor ", address, " remote-as ", deviceASNText)
        w.line("   neighbor ", address, " next-hop-self")
        w.line("   neighbor ", address, " update-source ", source)
        w.line("   neighbor ", address, " description ", peer.name, family)
        w.line("   neighbor ", address, " timers 3 9")
        w.line("   neighbor ", address, " send-community")
    }

    /// The 9 lines of a user session (10 with `shutdown` on a drained device).
    static func userNeighbor(
        _ id: UInt16, _ user: DeviceConfigTunnelUser, _ config: DeviceConfig, indent: String,
        _ w: inout ConfigTextWriter
    ) {
        let address = user.overlayDestination.description
        let neighbor = indent + "neighbor " + address
        let id = String(id)
        w.line(indent, "no neighbor ", address)
        w.line(neighbor, " remote-as ", userASNText)
        w.line(neighbor, " local-as ", String(config.localASN), " no-prepend replace-as")
        w.line(neighbor, " passive")
        w.line(neighbor, " description USER-", id)
        w.line(neighbor, " route-map RM-USER-", id, "-IN in")
        w.line(neighbor, " route-map RM-USER-", id, "-OUT out")
        w.line(neighbor, " maximum-routes 1")
        w.line(neighbor, " maximum-accepted-routes 1")
        if config.isDrained { w.line(neighbor, " shutdown") }
    }

    // MARK: - S10: IS-IS

    static func isis(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        w.lines([
            "router isis 1",
            "   net \(config.isisNet)",
            "   router-id ipv4 \(config.vpnv4Loopback.address)",
            "   log-adjacency-changes",
            "   !",
            "   address-family ipv4 unicast",
            "   !",
            "   segment-routing mpls",
            "      no shutdown",
            config.isDrained ? "   set-overload-bit" : "   no set-overload-bit",
            "!",
        ])
    }

    // MARK: - S12–S15: route policy (RFC 6)

    static func communityLists(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        w.line("ip community-list COMM-ALL_USERS permit \(BGPCommunity.allUsers)")
        w.line("ip community-list COMM-ALL_MCAST_USERS permit \(BGPCommunity.allMulticastUsers)")
        for list in config.communityLists { w.line("ip community-list \(list.name) permit \(list.community)") }
        w.line("!")
    }

    static func routeMaps(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        let metro = config.metroCommunityList
        for tunnel in config.tunnels {
            let name = "RM-USER-" + String(tunnel.id) + "-OUT"
            w.line("no route-map ", name)
            if let user = tunnel.user {
                let deniesOwnMetro: Bool
                switch user.service {
                case .unicast(_, let metroRouting): deniesOwnMetro = metroRouting
                case .multicast: deniesOwnMetro = true
                }
                if deniesOwnMetro {
                    w.line("route-map \(name) deny 10")
                    w.line("   match community \(metro.name)")
                }
                w.line("route-map \(name) permit 20")
                w.line(
                    user.isMulticast ? "   match community COMM-ALL_MCAST_USERS" : "   match community COMM-ALL_USERS")
            }
            w.line("!")
        }
        for tunnel in config.tunnels {
            let name = "RM-USER-" + String(tunnel.id) + "-IN"
            w.line("no route-map ", name)
            if let user = tunnel.user {
                let all = user.isMulticast ? BGPCommunity.allMulticastUsers : BGPCommunity.allUsers
                w.lines([
                    "route-map \(name) permit 10",
                    "   match ip address prefix-list PL-USER-\(tunnel.id)",
                    "   match as-path length = 1",
                    "   set community \(all) \(metro.community)",
                ])
            }
            w.line("!")
        }
    }

    static func prefixLists(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        for tunnel in config.tunnels {
            let name = "PL-USER-" + String(tunnel.id)
            w.line("no ip prefix-list ", name)
            if let user = tunnel.user {
                if case .multicast(let publishers, _, _) = user.service, publishers.isEmpty {
                    w.line("ip prefix-list \(name) seq 10 deny 0.0.0.0/0 le 32")
                } else {
                    w.line("ip prefix-list \(name) seq 10 permit \(user.dzIp)/32")
                }
            }
            w.line("!")
        }
    }

    // MARK: - S16–S18: access lists

    static func accessLists(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        for tunnel in config.tunnels {
            w.line("no ip access-list SEC-USER-", String(tunnel.id), "-IN")
            guard let user = tunnel.user, !user.isMulticast else { continue }
            let client = user.overlayDestination.description
            w.lines([
                "ip access-list SEC-USER-\(tunnel.id)-IN",
                "   counters per-entry",
                "   !ICMP",
                "   permit icmp \(client)/32 any",
                "   !TRACEROUTE",
                "   permit udp \(client)/32 any range 33434 33534",
                "   !Allow TTL Exceeded for traceroute return packets",
                "   permit icmp \(client)/32 any time-exceeded",
                "   !PERMIT BGP",
                "   permit tcp \(client)/32 \(user.overlaySource)/32 eq 179",
                "   !PERMIT USER DZ_IP as a source only",
                "   permit ip \(user.dzIp)/32 any",
                "   deny ip any any",
                "!",
            ])
        }
        for tunnel in config.tunnels {
            let name = "SEC-USER-MCAST-BOUNDARY-" + String(tunnel.id) + "-OUT"
            w.line("no ip access-list standard ", name)
            guard let user = tunnel.user, case .multicast(_, _, let boundary) = user.service else { continue }
            w.line("ip access-list standard \(name)")
            w.line("   counters per-entry")
            for group in boundary { w.line("   permit host \(group)") }
            w.line("   deny 224.0.0.0/4")
            w.line("!")
        }
        w.lines([
            "no ip access-list SEC-USER-PUB-MCAST-IN",
            "ip access-list SEC-USER-PUB-MCAST-IN",
            "   counters per-entry",
            "   permit icmp any any",
            "   permit tcp any any eq bgp",
            "   permit ip any 224.0.0.13/32",
            "   permit ip any \(config.multicastGroupBlock)",
            "   permit pim any host \(rendezvousPoint)",
            "   deny ip any any",
            "!",
            "no ip access-list SEC-USER-SUB-MCAST-IN",
            "ip access-list SEC-USER-SUB-MCAST-IN",
            "   counters per-entry",
            "   permit icmp any any",
            "   permit tcp any any eq bgp",
            "   permit ip any 224.0.0.13/32",
            "   deny ip any any",
            "!",
        ])
    }

    // MARK: - S19: MSDP

    static func msdp(_ config: DeviceConfig, _ w: inout ConfigTextWriter) {
        var peers = config.ipv4Peers
        // Upstream: a list holding only this device itself counts as empty (no bare `router msdp`).
        if peers.count == 1 && peers[0].address == config.ipv4Loopback.address { peers = [] }
        guard !peers.isEmpty else { return }
        w.line("no router msdp")
        w.line("router msdp")
        for peer in peers where peer.address != config.ipv4Loopback.address {
            w.line("   peer ", peer.addressText)
            w.line("      mesh-group DZ-1")
            w.line("      local-interface ", config.ipv4Loopback.name)
            w.line("      description ", peer.name)
        }
    }
}
