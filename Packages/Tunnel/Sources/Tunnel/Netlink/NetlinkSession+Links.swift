import CMnl
import Models

extension NetlinkSession {
    /// Creates a GRE link (`RTM_NEWLINK`, create + exclusive), down.
    ///
    /// - Throws: ``NetlinkError/exists(operation:)`` when a link of that name exists;
    ///   ``NetlinkError/linkKindUnsupported(kind:operation:)`` when the kernel has no GRE.
    public func createGRELink(_ spec: GRELinkSpec) throws(NetlinkError) {
        let request = NetlinkRequestWriter(type: RTM_NEWLINK, flags: NetlinkChange.add.flags)
        request.putFamilyHeader(ifinfomsg())
        if let mtu = spec.mtu { request.put(IFLA_MTU, u32: mtu) }
        request.put(IFLA_IFNAME, string: spec.name.rawValue)
        request.nest(IFLA_LINKINFO) {
            request.put(IFLA_INFO_KIND, bytes: Array("gre".utf8))  // no NUL, as iproute2 sends it
            request.nest(IFLA_INFO_DATA) {
                request.put(IFLA_GRE_IKEY, u32: 0)
                request.put(IFLA_GRE_OKEY, u32: 0)
                request.put(IFLA_GRE_IFLAGS, u16: 0)
                request.put(IFLA_GRE_OFLAGS, u16: 0)
                request.put(IFLA_GRE_LOCAL, address: spec.local)
                request.put(IFLA_GRE_REMOTE, address: spec.remote)
                request.put(IFLA_GRE_PMTUDISC, u8: spec.pathMTUDiscovery ? 1 : 0)
                request.put(IFLA_GRE_TOS, u8: 0)
                request.put(IFLA_GRE_TTL, u8: spec.ttl)
                request.put(IFLA_GRE_FWMARK, u32: 0)
                request.put(IFLA_GRE_ENCAP_TYPE, u16: 0)
                request.put(IFLA_GRE_ENCAP_FLAGS, u16: 0)
                request.put(IFLA_GRE_ENCAP_SPORT, u16: 0)
                request.put(IFLA_GRE_ENCAP_DPORT, u16: 0)
            }
        }
        try acknowledged(
            request, operation: "create gre link \(spec.name) (\(spec.local) -> \(spec.remote))", linkKind: "gre")
    }

    /// Deletes the link with `index` (`RTM_DELLINK`).
    public func deleteLink(index: Int32) throws(NetlinkError) {
        let request = NetlinkRequestWriter(type: RTM_DELLINK, flags: NLM_F_ACK)
        var header = ifinfomsg()
        header.ifi_index = index
        request.putFamilyHeader(header)
        try acknowledged(request, operation: "delete link #\(index)")
    }

    /// Sets the link administratively up or down (`IFF_UP` through `ifi_change`).
    public func setLink(index: Int32, up: Bool) throws(NetlinkError) {
        let request = NetlinkRequestWriter(type: RTM_NEWLINK, flags: NLM_F_ACK)
        var header = ifinfomsg()
        header.ifi_index = index
        header.ifi_flags = up ? UInt32(IFF_UP) : 0
        header.ifi_change = UInt32(IFF_UP)
        request.putFamilyHeader(header)
        try acknowledged(request, operation: "set link #\(index) \(up ? "up" : "down")")
    }

    /// Sets the link's MTU.
    public func setLink(index: Int32, mtu: UInt32) throws(NetlinkError) {
        let request = NetlinkRequestWriter(type: RTM_NEWLINK, flags: NLM_F_ACK)
        var header = ifinfomsg()
        header.ifi_index = index
        request.putFamilyHeader(header)
        request.put(IFLA_MTU, u32: mtu)
        try acknowledged(request, operation: "set link #\(index) mtu \(mtu)")
    }

    /// Looks a link up by name (`RTM_GETLINK` with `IFLA_IFNAME`).
    ///
    /// - Throws: ``NetlinkError/notFound(operation:)`` when there is no such link.
    public func link(named name: LinuxInterfaceName) throws(NetlinkError) -> NetworkLink {
        let request = NetlinkRequestWriter(type: RTM_GETLINK, flags: 0)
        request.putFamilyHeader(ifinfomsg())
        request.put(IFLA_EXT_MASK, u32: UInt32(RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS))
        request.put(IFLA_IFNAME, string: name.rawValue)
        let operation = "look up link \(name)"
        return try Self.parseLink(try single(request, operation: operation), operation: operation)
    }

    /// Every link in the namespace (`RTM_GETLINK` dump).
    public func links() throws(NetlinkError) -> [NetworkLink] {
        let operation = "dump links"
        var header = ifinfomsg()
        header.ifi_family = UInt8(AF_PACKET)
        let parts = try dump(RTM_GETLINK, header: header, replies: RTM_NEWLINK, operation: operation) { request in
            request.put(IFLA_EXT_MASK, u32: UInt32(RTEXT_FILTER_VF))
        }
        var links: [NetworkLink] = []
        for part in parts {
            links.append(try Self.parseLink(part, operation: operation))
        }
        return links
    }

    static func parseLink(_ message: NetlinkMessage, operation: String) throws(NetlinkError) -> NetworkLink {
        let payload = message.payload
        guard message.type == UInt16(RTM_NEWLINK), payload.count >= 16,
            let attributes = try? NetlinkAttribute.parse(payload[16...])
        else { throw .malformedReply(operation: operation, reason: "not an RTM_NEWLINK message") }
        var link = NetworkLink(
            index: Int32(bitPattern: NetlinkMessage.read32(payload, 4)),
            name: attributes.first(IFLA_IFNAME)?.string ?? "",
            mtu: attributes.first(IFLA_MTU)?.u32 ?? 0,
            flags: NetlinkMessage.read32(payload, 8))
        if let info = attributes.first(IFLA_LINKINFO)?.nested {
            link.kind = info.first(IFLA_INFO_KIND)?.string
            if link.kind == "gre", let data = info.first(IFLA_INFO_DATA)?.nested {
                link.greLocal = data.first(IFLA_GRE_LOCAL)?.ipv4
                link.greRemote = data.first(IFLA_GRE_REMOTE)?.ipv4
            }
        }
        return link
    }
}
