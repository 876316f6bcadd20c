import Ledger
import Models

/// Links: WAN links inside one contributor and DZX links across two (accepted by side Z), the
/// activator's allocation (/31 and id), drains, deletion and closing.
extension RandomTransactionGenerator {
    /// The statuses `update_link` moves a link among.
    static let linkDrainStatuses: [LinkStatus] = [.activated, .softDrained, .hardDrained]

    /// The physical interfaces of `device` a new link could bind: unlinked, without an edge or
    /// user-tunnel-endpoint role, bound to no link.
    func bindableInterfaceNames(on device: Device) -> [String] {
        device.interfaces.filter {
            $0.interfaceType == .physical && $0.status == .unlinked && !$0.isEdge && !$0.userTunnelEndpoint
                && !state.isBound($0.name, on: device.pubkey)
        }.map(\.name)
    }

    /// The owner of `device`'s contributor, or the zero key.
    func contributorOwner(of device: PublicKey) -> PublicKey {
        state.devices[device].flatMap { state.contributors[$0.contributor]?.owner } ?? .zero
    }

    /// A link instruction, weighted towards what the links' statuses make possible.
    mutating func linkStep() -> PlannedStep {
        let statuses = Set(state.links.values.map(\.status))
        let options: [WeightedPlan] = [
            (state.links.count < 6 ? 10 : 2, { $0.createLink() }),
            (Self.weight(6, ifAny: [.requested], in: statuses), { $0.acceptLink() }),
            (Self.weight(2, ifAny: [.requested], in: statuses), { $0.declineLink() }),
            (Self.weight(8, ifAny: [.pending], in: statuses), { $0.activateLink() }),
            (Self.weight(2, ifAny: [.pending, .requested], in: statuses), { $0.rejectLink(random: true) }),
            (4, { $0.updateLink() }),
            (
                Self.weight(3, ifAny: [.softDrained, .hardDrained, .rejected, .requested], in: statuses),
                { $0.deleteLink() }
            ),
            (Self.weight(4, ifAny: [.deleting], in: statuses), { $0.closeLink() }),
        ]
        return oneOf(options)
    }

    /// Creates a WAN link (built by the fixtures' `wanLinkArgs`) between two devices of one
    /// contributor, or a DZX link across contributors, on free physical interfaces; when no pair
    /// fits it adds an interface or a device instead. One in five is spoiled (same device twice,
    /// bandwidth, delay, jitter or MTU out of range, unknown interface or device, a DZX link
    /// naming side Z's interface, a WAN link across contributors).
    mutating func createLink() -> PlannedStep {
        let attachable = sortedByKey(state.devices).filter { $0.status != .deleting && $0.status != .rejected }
        let wan = chance(65)
        var pairs: [(sideA: Device, sideZ: Device)] = []
        for sideA in attachable where !bindableInterfaceNames(on: sideA).isEmpty {
            for sideZ in attachable
            where sideZ.pubkey != sideA.pubkey && (sideZ.contributor == sideA.contributor) == wan {
                if !wan || !bindableInterfaceNames(on: sideZ).isEmpty { pairs.append((sideA, sideZ)) }
            }
        }
        guard !pairs.isEmpty else { return prepareLinkEnd(among: attachable) }
        let (sideA, sideZ) = element(pairs)
        var args = fixtureBuilders.wanLinkArgs(
            "lk\(pick(100))", from: sideA.pubkey, to: sideZ.pubkey,
            sideAInterface: element(bindableInterfaceNames(on: sideA)),
            sideZInterface: wan ? element(bindableInterfaceNames(on: sideZ)) : "")
        if !wan {
            args.linkType = .dzx
            args.sideZIfaceName = nil
        }
        if chance(20) {
            switch pick(8) {
            case 0: args.sideZ = args.sideA
            case 1: args.bandwidth = element([1_000_000_000, 500_000_000_000])
            case 2: args.delayNs = element([0, 2_000_000_000])
            case 3: args.jitterNs = 5
            case 4: args.sideAIfaceName = element(["Ethernet7/1", "Loopback100"])
            case 5: args.mtu = 1500
            case 6: args.sideA = anyKey()
            default:
                // A DZX link may not name side Z's interface; a WAN link may not cross contributors.
                args.sideZIfaceName = "Ethernet1/1"
                if !wan { args.linkType = element([.wan, .dzx]) }
            }
        }
        return PlannedStep(.createLink(args), by: ownerOrFoundation(contributorOwner(of: sideA.pubkey)))
    }

    /// A step towards a link when no pair of devices fits one: a physical interface for a device
    /// that has no free one, or another device.
    mutating func prepareLinkEnd(among attachable: [Device]) -> PlannedStep {
        let lacking = attachable.filter { bindableInterfaceNames(on: $0).isEmpty }
        guard !lacking.isEmpty, chance(75) else { return createDevice() }
        let device = element(lacking)
        return PlannedStep(.createDeviceInterface(physicalInterfaceArgs(on: device)), by: manager(of: device))
    }

    /// Side Z's contributor accepts a link (mostly a requested one) on a free interface (adding
    /// one to side Z first, mostly, when it has none).
    mutating func acceptLink() -> PlannedStep {
        guard let link = choose(sortedByKey(state.links), preferring: { $0.status == .requested }),
            let sideZ = state.devices[link.sideZ]
        else { return createLink() }
        let names = bindableInterfaceNames(on: sideZ)
        if names.isEmpty && chance(75) { return prepareLinkEnd(among: [sideZ]) }
        let name = names.isEmpty || chance(10) ? element(Self.physicalInterfaceNames + ["Ethernet7/1"]) : element(names)
        return PlannedStep(
            .acceptLink(AcceptLinkArgs(pubkey: link.pubkey, sideZIfaceName: name)),
            by: ownerOrFoundation(contributorOwner(of: sideZ.pubkey)))
    }

    /// Side Z's contributor declines a link (mostly a requested one) with a reason (sometimes a
    /// blank one, which is refused); now and then side A's contributor tries, which is refused.
    mutating func declineLink() -> PlannedStep {
        guard let link = choose(sortedByKey(state.links), preferring: { $0.status == .requested }) else {
            return createLink()
        }
        let signer =
            chance(10)
            ? ownerOrFoundation(contributorOwner(of: link.sideA)) : ownerOrFoundation(contributorOwner(of: link.sideZ))
        return PlannedStep(
            .declineLink(RejectArgs(pubkey: link.pubkey, reason: rejectReason(spoiled: true))), by: signer)
    }

    /// The activator activates a link (mostly a pending one) with a free /31 and id; some
    /// allocations are out of range, outside the block, misaligned or colliding.
    mutating func activateLink() -> PlannedStep {
        let key = targetKey(state.links) { $0.status == .pending }
        var tunnelNet = state.freeLinkTunnelNet() ?? "172.16.255.254/31"
        var tunnelId = state.freeLinkTunnelId() ?? Link.maxTunnelId
        if chance(20) {
            let allocated = sortedByKey(state.links).filter { $0.status != .rejected && $0.isAllocated }
            switch pick(4) {
            case 0: tunnelId = element([0, Link.maxTunnelId + 1, 4000])
            case 1: tunnelNet = element(["10.255.0.0/31", "8.8.8.0/31", "172.16.0.1/31", "172.16.0.0/30"])
            case 2: if !allocated.isEmpty { tunnelNet = element(allocated).tunnelNet }
            default: if !allocated.isEmpty { tunnelId = element(allocated).tunnelId }
            }
        }
        return PlannedStep(
            .activateLink(ActivateLinkArgs(pubkey: key, tunnelId: tunnelId, tunnelNet: tunnelNet)), by: activatorSigner)
    }

    /// The activator rejects `key`, or (when `random`) mostly a pending or requested link.
    mutating func rejectLink(_ key: PublicKey? = nil, random: Bool = false) -> PlannedStep {
        let target = key ?? targetKey(state.links) { $0.status == .pending || $0.status == .requested }
        return PlannedStep(
            .rejectLink(RejectArgs(pubkey: target, reason: rejectReason(spoiled: random))), by: activatorSigner)
    }

    /// Updates a link: drains and undrains, delays, jitter, delay override, bandwidth or code;
    /// some updates are refused (status outside the drain statuses, bandwidth or delay out of
    /// range, side Z changing what only side A may).
    mutating func updateLink() -> PlannedStep {
        guard let link = choose(sortedByKey(state.links), preferring: { Self.linkDrainStatuses.contains($0.status) })
        else {
            return createLink()
        }
        var args = UpdateLinkArgs(pubkey: link.pubkey)
        var signer = ownerOrFoundation(contributorOwner(of: link.sideA))
        switch pick(8) {
        case 0, 1: args.status = element(Self.linkDrainStatuses.filter { $0 != link.status })
        case 2:
            args.delayNs = UInt64(10_000 + pick(2_000_000))
            args.jitterNs = UInt64(10_000 + pick(100_000))
        case 3: args.delayOverrideNs = element([0, 2_000_000, 5])
        case 4: args.bandwidth = element([fixtureLinkBandwidth, 2 * fixtureLinkBandwidth, 500_000_000_000])
        case 5: args.code = "lk\(pick(100))"
        case 6: args.status = element([.pending, .deleting, .requested])
        default:
            // Side Z may change only the status and the delay override.
            if let sideZOwner = keys.keypair(for: contributorOwner(of: link.sideZ)) { signer = sideZOwner }
            if chance(50) { args.code = "lk\(pick(100))" } else { args.delayOverrideNs = 3_000_000 }
        }
        return PlannedStep(.updateLink(args), by: signer)
    }

    /// Moves `link` to soft_drained (side A's contributor).
    mutating func drainLink(_ link: Link) -> PlannedStep {
        PlannedStep(
            .updateLink(UpdateLinkArgs(pubkey: link.pubkey, status: .softDrained)),
            by: ownerOrFoundation(contributorOwner(of: link.sideA)))
    }

    /// Deletes a link, mostly one that is drained, requested or rejected.
    mutating func deleteLink() -> PlannedStep {
        let deletable: [LinkStatus] = [.softDrained, .hardDrained, .requested, .rejected]
        guard let link = choose(sortedByKey(state.links), preferring: { deletable.contains($0.status) }) else {
            return createLink()
        }
        return deleteLink(link)
    }

    /// Deletes `link` (side A's contributor).
    mutating func deleteLink(_ link: Link) -> PlannedStep {
        PlannedStep(
            .deleteLink(PubkeyArgs(pubkey: link.pubkey)), by: ownerOrFoundation(contributorOwner(of: link.sideA)))
    }

    /// The activator closes `key`, or mostly a deleting link.
    mutating func closeLink(_ key: PublicKey? = nil) -> PlannedStep {
        let target = key ?? targetKey(state.links) { $0.status == .deleting }
        return PlannedStep(.closeLink(PubkeyArgs(pubkey: target)), by: activatorSigner)
    }
}
