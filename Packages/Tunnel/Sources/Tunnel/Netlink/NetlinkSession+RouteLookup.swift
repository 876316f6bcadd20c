import CMnl
import Glibc
import Models

extension NetlinkSession {
    /// The route the kernel would use toward `destination` (`RTM_GETROUTE` for one address, as
    /// `ip route get DESTINATION` sends it, `RTM_F_LOOKUP_TABLE` included): preferred source, gateway, output interface, table.
    ///
    /// - Returns: nil when the kernel has no route there (ENETUNREACH, EHOSTUNREACH).
    /// - Throws: any other refusal, typed (``NetlinkError/permissionDenied(operation:)`` for a
    ///   `prohibit` route), or a malformed reply.
    public func routeLookup(to destination: IPv4Address) throws(NetlinkError) -> RouteLookupResult? {
        let operation = "look up the route to \(destination)"
        let request = NetlinkRequestWriter(
            type: RTM_GETROUTE, flags: 0, capacity: NetlinkRequestWriter.routeCapacity)
        var header = rtmsg()
        header.rtm_family = UInt8(AF_INET)
        header.rtm_dst_len = 32
        header.rtm_flags = UInt32(RTM_F_LOOKUP_TABLE)  // the answer names the table the route is in
        request.putFamilyHeader(header)
        request.put(RTA_DST.rawValue, address: destination)
        let reply: NetlinkMessage
        do {
            reply = try single(request, operation: operation)
        } catch {
            if case .kernel(_, let code, _) = error, code == ENETUNREACH || code == EHOSTUNREACH { return nil }
            throw error
        }
        let payload = reply.payload
        guard reply.type == UInt16(RTM_NEWROUTE), payload.count >= 12,
            let attributes = try? NetlinkAttribute.parse(payload[12...])
        else {
            throw .malformedReply(operation: operation, reason: "not an RTM_NEWROUTE answer (type \(reply.type))")
        }
        return RouteLookupResult(
            destination: destination, preferredSource: attributes.first(RTA_PREFSRC.rawValue)?.ipv4,
            gateway: attributes.first(RTA_GATEWAY.rawValue)?.ipv4,
            interfaceIndex: attributes.first(RTA_OIF.rawValue)?.u32.map { Int32(bitPattern: $0) },
            table: attributes.first(RTA_TABLE.rawValue)?.u32 ?? UInt32(payload[4]), type: payload[7])
    }
}
