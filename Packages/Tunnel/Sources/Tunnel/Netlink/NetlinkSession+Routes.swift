import CMnl
import Models

extension NetlinkSession {
    /// Adds a route (`RTM_NEWROUTE`, create + exclusive).
    ///
    /// - Throws: ``NetlinkError/exists(operation:)`` when the table already has it.
    public func addRoute(_ route: Route) throws(NetlinkError) {
        try send(route, .add)
    }

    /// Adds a route or replaces the one with the same destination (create + replace), as
    /// upstream installs BGP routes.
    public func replaceRoute(_ route: Route) throws(NetlinkError) {
        try send(route, .replace)
    }

    /// Deletes a route, matching any protocol and scope (`RTM_DELROUTE`).
    ///
    /// - Throws: ``NetlinkError/notFound(operation:)`` when there is no such route.
    public func deleteRoute(_ route: Route) throws(NetlinkError) {
        try send(route, .delete)
    }

    /// The IPv4 routes of `table`, optionally only those of one protocol (`RTM_GETROUTE` dump,
    /// filtered by the kernel on the table and again here).
    public func routes(table: UInt32, protocol: RouteProtocol? = nil) throws(NetlinkError) -> [Route] {
        let operation = "dump routes of table \(table)"
        var header = rtmsg()
        header.rtm_family = UInt8(AF_INET)
        let parts = try dump(RTM_GETROUTE, header: header, replies: RTM_NEWROUTE, operation: operation) { request in
            request.put(RTA_TABLE.rawValue, u32: table)
        }
        var routes: [Route] = []
        for part in parts {
            let payload = part.payload
            guard payload.count >= 12, let attributes = try? NetlinkAttribute.parse(payload[12...]) else {
                throw .malformedReply(operation: operation, reason: "bad RTM_NEWROUTE")
            }
            let routeTable = attributes.first(RTA_TABLE.rawValue)?.u32 ?? UInt32(payload[4])
            let routeProtocol = RouteProtocol(rawValue: payload[5])
            guard payload[0] == UInt8(AF_INET), routeTable == table, payload[7] == UInt8(RTN_UNICAST) else { continue }
            if let `protocol`, routeProtocol != `protocol` { continue }
            let address = attributes.first(RTA_DST.rawValue)?.ipv4 ?? .unspecified
            guard let destination = IPv4Prefix(address: address, length: Int(payload[1])) else {
                throw .malformedReply(operation: operation, reason: "RTM_NEWROUTE with a /\(payload[1]) destination")
            }
            routes.append(
                Route(
                    destination: destination,
                    gateway: attributes.first(RTA_GATEWAY.rawValue)?.ipv4,
                    source: attributes.first(RTA_PREFSRC.rawValue)?.ipv4,
                    interfaceIndex: attributes.first(RTA_OIF.rawValue)?.u32.map { Int32(bitPattern: $0) },
                    table: routeTable, protocol: routeProtocol))
        }
        return routes
    }

    private func send(_ route: Route, _ change: NetlinkChange) throws(NetlinkError) {
        try acknowledged(Self.routeRequest(route, change), operation: Self.routeOperation(route, change))
    }

    /// The `RTM_NEWROUTE` / `RTM_DELROUTE` request for `change` of `route`, acknowledgement
    /// requested, sequence number 0: what ``addRoute(_:)``, ``replaceRoute(_:)`` and
    /// ``deleteRoute(_:)`` send, and each message of ``applyRoutes(_:acknowledgement:)``'s batches.
    static func routeRequest(_ route: Route, _ change: NetlinkChange) -> NetlinkRequestWriter {
        let deleting = change == .delete
        let request = NetlinkRequestWriter(
            type: change.messageType(new: RTM_NEWROUTE, delete: RTM_DELROUTE), flags: change.flags,
            capacity: NetlinkRequestWriter.routeCapacity)
        var header = rtmsg()
        header.rtm_family = UInt8(AF_INET)
        header.rtm_dst_len = route.destination.length
        header.rtm_table = route.table < 256 ? UInt8(route.table) : UInt8(RT_TABLE_UNSPEC.rawValue)
        header.rtm_protocol = deleting ? 0 : route.protocol.rawValue
        header.rtm_scope = deleting ? AddressScope.nowhere.rawValue : route.scope.rawValue
        header.rtm_type = deleting ? 0 : UInt8(RTN_UNICAST)
        request.putFamilyHeader(header)
        if route.destination.length > 0 { request.put(RTA_DST.rawValue, address: route.destination.address) }
        if let gateway = route.gateway { request.put(RTA_GATEWAY.rawValue, address: gateway) }
        if let source = route.source { request.put(RTA_PREFSRC.rawValue, address: source) }
        if let index = route.interfaceIndex { request.put(RTA_OIF.rawValue, u32: UInt32(bitPattern: index)) }
        if route.table >= 256 { request.put(RTA_TABLE.rawValue, u32: route.table) }
        return request
    }

    /// What an error about `change` of `route` names: `replace route 10.1.0.0/24 in table 100`.
    static func routeOperation(_ route: Route, _ change: NetlinkChange) -> String {
        "\(change.verb) route \(route.destination) in table \(route.table)"
    }
}
