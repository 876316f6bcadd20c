import Models

extension LinkProgram {
    /// Who is editing a link.
    private enum Editor {
        /// The owner of the link's (side-A) contributor, or a foundation member: any field.
        case sideAOrFoundation
        /// The owner of side Z's contributor (DZX links): only status and delay override.
        case sideZ
    }

    /// Updates a link's fields.
    ///
    /// Side A's contributor owner or the foundation may change everything; side Z's contributor
    /// owner only `status` and `delay_override_ns` (as upstream). Status moves only among
    /// activated, soft_drained and hard_drained. A new bandwidth must fit both interfaces.
    /// A deleting link cannot be updated.
    static func updateLink(_ args: UpdateLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var link = try context.link(args.pubkey)
        let editor = try editor(of: link, in: context)
        guard link.status != .deleting else {
            throw ProgramError(
                .invalidStatus, "update_link: link \(link.code) is being deleted and cannot change", field: "status")
        }
        if editor == .sideZ, args.code != nil || args.bandwidth != nil || args.delayNs != nil || args.jitterNs != nil {
            throw ProgramError(
                .notAllowed,
                "side Z's contributor may change only status and delay_override_ns of link \(link.code); other fields need side A's contributor or a foundation key"
            )
        }
        if let code = args.code {
            let lower = try AccountCode.normalizedLowercase(code)
            try context.requireUniqueCode(lower, among: .link, except: link.pubkey)
            link.code = lower
        }
        if let bandwidth = args.bandwidth {
            for ref in link.boundInterfaces {
                let device = try context.device(ref.device)
                if let interface = device.interfaces.first(where: { $0.name == ref.name }) {
                    try requireBandwidth(of: interface, on: device, carries: bandwidth, field: "bandwidth")
                }
            }
            link.bandwidth = bandwidth
        }
        if let delayNs = args.delayNs { link.delayNs = delayNs }
        if let jitterNs = args.jitterNs { link.jitterNs = jitterNs }
        if let delayOverrideNs = args.delayOverrideNs { link.delayOverrideNs = delayOverrideNs }
        if let status = args.status {
            try StatusRequirement.require(
                link.status, in: drainStatuses, "link \(link.code)", for: "update_link status",
                hint: "only an activated or drained link can be drained or undrained")
            guard drainStatuses.contains(status) else {
                throw ProgramError(
                    .invalidStatus,
                    "update_link can set the status of link \(link.code) only to activated, soft_drained or hard_drained, not \(status.rawValue)",
                    field: "status")
            }
            link.status = status
        }
        try context.write(.link(link))
    }

    /// Classifies the signer, or fails with `NotAllowed`.
    private static func editor(of link: Link, in context: ExecutionContext) throws(ProgramError) -> Editor {
        let sideAContributor = try context.contributor(link.contributor)
        if sideAContributor.owner == context.signer || context.signerIsFoundation { return .sideAOrFoundation }
        // Side Z's device may be gone (a DZX request pins nothing there); then only side A edits.
        let sideZContributor = context.state.devices[link.sideZ].flatMap { context.state.contributors[$0.contributor] }
        if let sideZContributor, sideZContributor.owner == context.signer { return .sideZ }
        let owners = [sideAContributor.code, sideZContributor?.code].compactMap { $0 }.joined(separator: " or ")
        throw ProgramError(
            .notAllowed,
            "update_link \(link.code) needs the owner of contributor \(owners), or a foundation key; signed by \(context.signer)"
        )
    }
}
