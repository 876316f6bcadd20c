import CMnl
import Models

extension NetlinkSession {
    /// Adds a policy rule (`RTM_NEWRULE`, create + exclusive).
    ///
    /// - Throws: ``NetlinkError/outOfRange(what:value:allowed:)`` for a priority or table outside
    ///   100...200 (nothing is sent); ``NetlinkError/exists(operation:)`` when the rule exists.
    public func addRule(_ rule: PolicyRule) throws(NetlinkError) {
        try rule.validate()
        try send(rule, .add)
    }

    /// Deletes a policy rule (`RTM_DELRULE`).
    ///
    /// - Throws: ``NetlinkError/outOfRange(what:value:allowed:)`` as for ``addRule(_:)``;
    ///   ``NetlinkError/notFound(operation:)`` when there is no such rule.
    public func deleteRule(_ rule: PolicyRule) throws(NetlinkError) {
        try rule.validate()
        try send(rule, .delete)
    }

    /// Every IPv4 rule, the system's included (`RTM_GETRULE` dump).
    public func rules() throws(NetlinkError) -> [PolicyRule] {
        let operation = "dump rules"
        var header = fib_rule_hdr()
        header.family = UInt8(AF_INET)
        var rules: [PolicyRule] = []
        for part in try dump(RTM_GETRULE, header: header, replies: RTM_NEWRULE, operation: operation) {
            let payload = part.payload
            guard payload.count >= 12, let attributes = try? NetlinkAttribute.parse(payload[12...]) else {
                throw .malformedReply(operation: operation, reason: "bad RTM_NEWRULE")
            }
            guard payload[1] <= 32, payload[2] <= 32 else {
                throw .malformedReply(operation: operation, reason: "RTM_NEWRULE with a prefix length above 32")
            }
            let source = attributes.first(FRA_SRC)?.ipv4.map { IPv4Prefix(uncheckedAddress: $0, length: payload[2]) }
            let destination = attributes.first(FRA_DST)?.ipv4.map {
                IPv4Prefix(uncheckedAddress: $0, length: payload[1])
            }
            rules.append(
                PolicyRule(
                    priority: attributes.first(FRA_PRIORITY)?.u32 ?? 0, source: source, destination: destination,
                    table: attributes.first(FRA_TABLE)?.u32 ?? UInt32(payload[4]),
                    protocol: RouteProtocol(rawValue: attributes.first(FRA_PROTOCOL)?.u8 ?? 0)))
        }
        return rules
    }

    private func send(_ rule: PolicyRule, _ change: NetlinkChange) throws(NetlinkError) {
        let adding = change != .delete
        let request = NetlinkRequestWriter(
            type: change.messageType(new: RTM_NEWRULE, delete: RTM_DELRULE), flags: change.flags)
        var header = fib_rule_hdr()
        header.family = UInt8(AF_INET)
        header.dst_len = rule.destination?.length ?? 0
        header.src_len = rule.source?.length ?? 0
        header.table = UInt8(rule.table)
        header.action = adding ? UInt8(FR_ACT_TO_TBL) : 0
        request.putFamilyHeader(header)
        request.put(FRA_PRIORITY, u32: rule.priority)
        if let source = rule.source { request.put(FRA_SRC, address: source.address) }
        if let destination = rule.destination { request.put(FRA_DST, address: destination.address) }
        if adding { request.put(FRA_PROTOCOL, u8: rule.protocol.rawValue) }
        let description =
            "priority \(rule.priority) from \(rule.source?.description ?? "all")"
            + " to \(rule.destination?.description ?? "all") table \(rule.table)"
        try acknowledged(request, operation: "\(change.verb) rule \(description)")
    }
}
