import Models

/// Link instructions (classic activator flow).
///
/// A WAN link (both devices of one contributor) is created pending; a DZX link (across
/// contributors) is created requested and becomes pending when side Z's contributor accepts it
/// naming its interface, or rejected when side Z declines it. The activator activates a pending
/// link with its /31 and id (verified here) or rejects it. Owners drain a link before deleting
/// it; deletion marks it deleting and the activator closes it, unbinding its interfaces and
/// releasing the references.
///
/// A link holds a reference on its contributor and side A's device from creation, and on side
/// Z's device only while it binds an interface there: from creation for a WAN link, from
/// `accept_link` for a DZX link. A DZX request therefore pins nothing on the other
/// contributor's device, which may be drained or deleted while the request waits; accepting it
/// then fails (`InvalidDevicePubkey` or `InvalidStatus`), and side A deletes it.
enum LinkProgram {
    /// The statuses a link moves among with `update_link` (RFC 9 drains).
    static let drainStatuses: [LinkStatus] = [.activated, .softDrained, .hardDrained]

    /// Creates a link between two devices, binding side A's interface (and side Z's for WAN).
    static func createLink(_ args: CreateLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        guard let sideA = context.state.devices[args.sideA] else {
            throw ProgramError(.invalidDeviceAPubkey, "no side-A device \(args.sideA)", field: "side_a_pk")
        }
        guard let sideZ = context.state.devices[args.sideZ] else {
            throw ProgramError(.invalidDeviceZPubkey, "no side-Z device \(args.sideZ)", field: "side_z_pk")
        }
        guard sideA.pubkey != sideZ.pubkey else {
            throw ProgramError(
                .invalidDevicePubkey, "a link needs two different devices; both sides are \(sideA.code)",
                field: "side_z_pk")
        }
        let contributor = try context.contributor(sideA.contributor)
        try context.requireContributorOwnerOrFoundation(contributor, "create_link from device \(sideA.code)")
        if args.linkType == .wan && sideZ.contributor != sideA.contributor {
            throw ProgramError(
                .invalidContributor,
                "a WAN link joins devices of one contributor; \(sideA.code) and \(sideZ.code) belong to different contributors (use a DZX link)",
                field: "side_z_pk")
        }
        try DeviceProgram.requireAcceptsAttachments(sideA, for: "create_link")
        try DeviceProgram.requireAcceptsAttachments(sideZ, for: "create_link")
        let code = try AccountCode.normalizedLowercase(args.code)
        try context.requireUniqueCode(code, among: .link)
        let sideAName = try bindableInterface(
            args.sideAIfaceName, on: sideA, field: "side_a_iface_name", bandwidth: args.bandwidth, in: context)
        let sideZName: String
        let status: LinkStatus
        switch args.linkType {
        case .wan:
            guard let name = args.sideZIfaceName, !name.isEmpty else {
                throw ProgramError(
                    .invalidInterfaceName, "a WAN link needs side_z_iface_name on device \(sideZ.code)",
                    field: "side_z_iface_name")
            }
            sideZName = try bindableInterface(
                name, on: sideZ, field: "side_z_iface_name", bandwidth: args.bandwidth, in: context)
            status = .pending
        case .dzx:
            if let name = args.sideZIfaceName, !name.isEmpty {
                throw ProgramError(
                    .invalidInterfaceZForExternal,
                    "a DZX link must not name side Z's interface (\(name)); side Z's contributor names it with accept_link",
                    field: "side_z_iface_name")
            }
            sideZName = ""
            status = .requested
        }
        let index = try context.nextAccountIndex()
        let link = Link(
            pubkey: EntitySeed.link(index: index).publicKey, owner: context.signer, index: index, code: code,
            sideA: sideA.pubkey, sideZ: sideZ.pubkey, linkType: args.linkType, bandwidth: args.bandwidth, mtu: args.mtu,
            delayNs: args.delayNs, jitterNs: args.jitterNs, status: status, contributor: sideA.contributor,
            sideAIfaceName: sideAName, sideZIfaceName: sideZName)
        try context.requireAbsent(EntityRef(kind: .link, pubkey: link.pubkey))
        try context.write(.link(link))
        for ref in referencedEntities(of: link) {
            try context.changeReferenceCount(ref, by: +1)
        }
    }

    /// Side Z's contributor (or the foundation) accepts a requested DZX link, binding its
    /// interface; the link now holds a reference on side Z's device and becomes pending for the
    /// activator.
    static func acceptLink(_ args: AcceptLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var link = try context.link(args.pubkey)
        let sideZ = try context.device(link.sideZ, field: "side_z_pk")
        let contributor = try context.contributor(sideZ.contributor)
        try context.requireContributorOwnerOrFoundation(contributor, "accept_link \(link.code) on device \(sideZ.code)")
        try StatusRequirement.require(link.status, in: [.requested], "link \(link.code)", for: "accept_link")
        try DeviceProgram.requireAcceptsAttachments(
            try context.device(link.sideA, field: "side_a_pk"), for: "accept_link")
        try DeviceProgram.requireAcceptsAttachments(sideZ, for: "accept_link")
        link.sideZIfaceName = try bindableInterface(
            args.sideZIfaceName, on: sideZ, field: "side_z_iface_name", bandwidth: link.bandwidth, except: link.pubkey,
            in: context)
        link.status = .pending
        try context.write(.link(link))
        try context.changeReferenceCount(EntityRef(kind: .device, pubkey: sideZ.pubkey), by: +1)
    }

    /// Side Z's contributor (or the foundation) declines a requested DZX link, saying why: the
    /// link becomes rejected with that reason. It never held anything on side Z, so nothing is
    /// released there; side A deletes it like any rejected link.
    static func declineLink(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var link = try context.link(args.pubkey)
        let sideZ = try context.device(link.sideZ, field: "side_z_pk")
        let contributor = try context.contributor(sideZ.contributor)
        try context.requireContributorOwnerOrFoundation(
            contributor, "decline_link \(link.code) on device \(sideZ.code)")
        try StatusRequirement.require(
            link.status, in: [.requested], "link \(link.code)", for: "decline_link",
            hint: "only a requested DZX link can be declined")
        try RejectReason.validate(args.reason, for: "link \(link.code)")
        link.status = .rejected
        link.rejectReason = args.reason
        try context.write(.link(link))
    }

    /// Marks a drained, requested or rejected link as deleting; the activator then closes it.
    static func deleteLink(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var link = try context.link(args.pubkey)
        let contributor = try context.contributor(link.contributor)
        try context.requireContributorOwnerOrFoundation(contributor, "delete_link \(link.code)")
        try StatusRequirement.require(
            link.status, in: [.softDrained, .hardDrained, .requested, .rejected], "link \(link.code)",
            for: "delete_link",
            hint: link.status == .deleting
                ? "it is already being deleted"
                : "drain it first (update_link with status soft_drained or hard_drained)")
        link.status = .deleting
        try context.write(.link(link))
    }

    /// What a link holds a reference on: its contributor, side A's device, and side Z's device
    /// once it binds an interface there (see ``Link/holdsSideZ``).
    static func referencedEntities(of link: Link) -> [EntityRef] {
        var refs = [
            EntityRef(kind: .contributor, pubkey: link.contributor), EntityRef(kind: .device, pubkey: link.sideA),
        ]
        if link.holdsSideZ { refs.append(EntityRef(kind: .device, pubkey: link.sideZ)) }
        return refs
    }
}
