import Models

/// The activator's side of the link life cycle. The program verifies the allocation it hands in.
extension LinkProgram {
    /// Activates a pending link with the activator's /31 and id.
    ///
    /// `tunnel_net` must be an aligned private /31 inside the device tunnel block
    /// (`InvalidTunnelNet`) overlapping no live link or interface (`AllocationFailed`);
    /// `tunnel_id` must be 1...1024 (`InvalidTunnelId`) and unused by any live link
    /// (`AllocationFailed`). Side A's interface gets the lower address, side Z's the upper, as /31.
    static func activateLink(_ args: ActivateLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("activate_link")
        var link = try context.link(args.pubkey)
        try StatusRequirement.require(link.status, in: [.pending], "link \(link.code)", for: "activate_link")
        let block = try context.globalConfig().deviceTunnelBlock
        try Link.validateTunnelNet(args.tunnelNet)
        guard block.contains(args.tunnelNet), let halves = args.tunnelNet.halves else {
            throw ProgramError(
                .invalidTunnelNet,
                "tunnel_net \(args.tunnelNet) of link \(link.code) is outside the device tunnel block \(block)",
                field: "tunnel_net")
        }
        guard (1...Link.maxTunnelId).contains(args.tunnelId) else {
            throw ProgramError(
                .invalidTunnelId,
                "tunnel_id \(args.tunnelId) of link \(link.code) must be within 1...\(Link.maxTunnelId)",
                field: "tunnel_id")
        }
        let own = Set([TunnelBlockHolder.link(link.pubkey)] + link.boundInterfaces.map(TunnelBlockHolder.interface))
        try context.requireFreeTunnelBlockAddress(
            args.tunnelNet, for: "link \(link.code)", except: own, field: "tunnel_net")
        try context.requireFreeLinkTunnelId(args.tunnelId, except: link.pubkey)
        link.tunnelNet = args.tunnelNet
        link.tunnelId = args.tunnelId
        link.status = .activated
        try context.write(.link(link))
        let addresses = [halves.lower, halves.upper]
        for (ref, address) in zip(link.boundInterfaces, addresses) {
            try changeBoundInterface(ref, in: &context) { interface, device throws(ProgramError) in
                try StatusRequirement.require(
                    interface.status, in: [.unlinked], "interface \(interface.name) of device \(device.code)",
                    for: "activate_link \(link.code)")
                interface.status = .activated
                interface.ipNet = IPv4Prefix(uncheckedAddress: address, length: 31)
            }
        }
    }

    /// The activator rejects a pending or requested link, saying why.
    static func rejectLink(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("reject_link")
        var link = try context.link(args.pubkey)
        try StatusRequirement.require(link.status, in: [.pending, .requested], "link \(link.code)", for: "reject_link")
        try RejectReason.validate(args.reason, for: "link \(link.code)")
        link.status = .rejected
        link.rejectReason = args.reason
        try context.write(.link(link))
    }

    /// The activator closes a deleting link: it is removed, its interfaces go back to unlinked
    /// without an address, and its contributor and devices each lose a reference.
    static func closeLink(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("close_link")
        let link = try context.link(args.pubkey)
        try StatusRequirement.require(link.status, in: [.deleting], "link \(link.code)", for: "close_link")
        context.delete(EntityRef(kind: .link, pubkey: link.pubkey))
        for ref in link.boundInterfaces {
            try changeBoundInterface(ref, in: &context) { interface, _ in
                interface.status = .unlinked
                interface.ipNet = nil
            }
        }
        for ref in referencedEntities(of: link) {
            try context.changeReferenceCount(ref, by: -1)
        }
    }
}
