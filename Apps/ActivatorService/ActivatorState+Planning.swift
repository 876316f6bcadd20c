import Allocator
import Ledger
import Models

/// What the activator does for each entity, driven only by its current status (serviceability
/// §10.5): pending → allocate and activate (or reject when a pool is exhausted); deleting →
/// close (the values are released when the close comes back through the log).
extension ActivatorState {
    /// Whether `ref`'s current value asks for an activator instruction.
    public func needsWork(_ ref: EntityRef) -> Bool {
        switch ref.kind {
        case .device:
            guard let device = devices[ref.pubkey] else { return false }
            return device.status == .pending || device.status == .deleting
                || device.interfaces.contains { Self.needsWork($0) }
        case .link:
            guard let status = links[ref.pubkey]?.status else { return false }
            return status == .pending || status == .deleting
        case .user:
            guard let status = users[ref.pubkey]?.status else { return false }
            return status == .pending || status == .deleting
        case .multicastGroup:
            guard let status = multicastGroups[ref.pubkey]?.status else { return false }
            return status == .pending || status == .deleting
        default:
            return false
        }
    }

    /// Every entity that asks for an instruction now.
    public var refsNeedingWork: [EntityRef] {
        let refs =
            devices.keys.map { EntityRef(kind: .device, pubkey: $0) }
            + links.keys.map { EntityRef(kind: .link, pubkey: $0) }
            + multicastGroups.keys.map { EntityRef(kind: .multicastGroup, pubkey: $0) }
            + users.keys.map { EntityRef(kind: .user, pubkey: $0) }
        return refs.filter(needsWork)
    }

    /// A loopback waiting for activation or an interface waiting for removal.
    private static func needsWork(_ interface: DeviceInterface) -> Bool {
        (interface.status == .pending && interface.interfaceType == .loopback) || interface.status == .deleting
    }

    /// Plans the instructions `ref` needs now, taking from the pools what activations need.
    ///
    /// When the pools cannot serve a pending entity (a pool exhausted, or a user's device
    /// unknown), the plan is the matching reject, with ``AllocationError/summary`` as the reason
    /// (`"pool exhausted: user tunnel block 169.254.0.0/16"`), cut to the ledger's 256 bytes.
    ///
    /// - Parameter skipping: targets not to plan (refused twice with `AllocationFailed`, waiting
    ///   for a retry).
    /// - Returns: The instructions; empty when the entity needs nothing.
    public mutating func plan(_ ref: EntityRef, skipping: Set<ActivationTarget> = []) -> [PlannedInstruction] {
        let target = ActivationTarget.entity(ref)
        switch ref.kind {
        case .device:
            guard let device = devices[ref.pubkey] else { return [] }
            return planDevice(device, skipping: skipping)
        case .link:
            guard let link = links[ref.pubkey], !skipping.contains(target) else { return [] }
            return planLink(link, target: target)
        case .user:
            guard let user = users[ref.pubkey], !skipping.contains(target) else { return [] }
            return planUser(user, target: target)
        case .multicastGroup:
            guard let group = multicastGroups[ref.pubkey], !skipping.contains(target) else { return [] }
            return planGroup(group, target: target)
        default:
            return []
        }
    }

    private mutating func planDevice(_ device: Device, skipping: Set<ActivationTarget>) -> [PlannedInstruction] {
        let target = ActivationTarget.entity(EntityRef(kind: .device, pubkey: device.pubkey))
        var planned: [PlannedInstruction] = []
        if !skipping.contains(target) {
            switch device.status {
            case .pending:
                planned.append(
                    PlannedInstruction(target: target, instruction: .activateDevice(PubkeyArgs(pubkey: device.pubkey))))
            case .deleting:
                planned.append(
                    PlannedInstruction(target: target, instruction: .closeDevice(PubkeyArgs(pubkey: device.pubkey))))
                return planned
            default:
                break
            }
        }
        guard device.status != .rejected else { return planned }
        for interface in device.interfaces where Self.needsWork(interface) {
            let interfaceTarget = ActivationTarget.interface(device: device.pubkey, name: interface.name)
            guard !skipping.contains(interfaceTarget) else { continue }
            if interface.status == .deleting {
                planned.append(
                    PlannedInstruction(
                        target: interfaceTarget,
                        instruction: .removeDeviceInterface(InterfaceArgs(device: device.pubkey, name: interface.name)))
                )
                continue
            }
            do {
                let allocation = try pools.allocate(forLoopback: interface, on: device.pubkey)
                planned.append(
                    PlannedInstruction(
                        target: interfaceTarget,
                        instruction: .activateDeviceInterface(
                            ActivateDeviceInterfaceArgs(
                                device: device.pubkey, name: interface.name, ipNet: allocation.ipNet,
                                nodeSegmentIdx: allocation.nodeSegmentIdx)),
                        acquired: allocation.acquired))
            } catch {
                planned.append(
                    PlannedInstruction(
                        target: interfaceTarget,
                        instruction: .rejectDeviceInterface(
                            RejectDeviceInterfaceArgs(
                                device: device.pubkey, name: interface.name,
                                reason: RejectReasonText.fitted(error.summary)))))
            }
        }
        return planned
    }

    private mutating func planLink(_ link: Link, target: ActivationTarget) -> [PlannedInstruction] {
        switch link.status {
        case .pending:
            do {
                let allocation = try pools.allocate(for: link)
                return [
                    PlannedInstruction(
                        target: target,
                        instruction: .activateLink(
                            ActivateLinkArgs(
                                pubkey: link.pubkey, tunnelId: allocation.tunnelId, tunnelNet: allocation.tunnelNet)),
                        acquired: allocation.acquired)
                ]
            } catch {
                return [
                    PlannedInstruction(
                        target: target,
                        instruction: .rejectLink(
                            RejectArgs(pubkey: link.pubkey, reason: RejectReasonText.fitted(error.summary))))
                ]
            }
        case .deleting:
            return [PlannedInstruction(target: target, instruction: .closeLink(PubkeyArgs(pubkey: link.pubkey)))]
        default:
            return []
        }
    }

    private mutating func planUser(_ user: User, target: ActivationTarget) -> [PlannedInstruction] {
        switch user.status {
        case .pending:
            let reason: String
            if let refusal = devices[user.device]?.slotRefusal(for: user.userType) {
                reason = refusal
            } else {
                do {
                    let allocation = try pools.allocate(for: user)
                    return [
                        PlannedInstruction(
                            target: target,
                            instruction: .activateUser(
                                ActivateUserArgs(
                                    pubkey: user.pubkey, tunnelId: allocation.tunnelId,
                                    tunnelNet: allocation.tunnelNet, dzIp: allocation.dzIp,
                                    tunnelEndpoint: user.tunnelEndpoint)),
                            acquired: allocation.acquired)
                    ]
                } catch {
                    reason = devices[user.device] == nil ? "device \(user.device) not found" : error.summary
                }
            }
            return [
                PlannedInstruction(
                    target: target,
                    instruction: .rejectUser(RejectArgs(pubkey: user.pubkey, reason: RejectReasonText.fitted(reason))))
            ]
        case .deleting:
            return [PlannedInstruction(target: target, instruction: .closeUser(PubkeyArgs(pubkey: user.pubkey)))]
        default:
            return []
        }
    }

    private mutating func planGroup(_ group: MulticastGroup, target: ActivationTarget) -> [PlannedInstruction] {
        switch group.status {
        case .pending:
            do {
                let allocation = try pools.allocate(for: group)
                return [
                    PlannedInstruction(
                        target: target,
                        instruction: .activateMulticastGroup(
                            ActivateMulticastGroupArgs(
                                pubkey: group.pubkey, multicastIp: allocation.multicastIp)),
                        acquired: allocation.acquired)
                ]
            } catch {
                return [
                    PlannedInstruction(
                        target: target,
                        instruction: .rejectMulticastGroup(
                            RejectArgs(
                                pubkey: group.pubkey, reason: RejectReasonText.fitted(error.summary))))
                ]
            }
        case .deleting:
            return [
                PlannedInstruction(target: target, instruction: .closeMulticastGroup(PubkeyArgs(pubkey: group.pubkey)))
            ]
        default:
            return []
        }
    }
}
