import Models

/// The activator's side of the interface life cycle: it activates or rejects pending loopbacks
/// and removes deleting ones. The program verifies the allocation it hands in.
extension InterfaceProgram {
    /// Activates a pending loopback with the activator's allocation.
    ///
    /// A loopback without an address gets `ip_net`, which must be a /32 inside the device tunnel
    /// block colliding with no live link or interface; a loopback that already has one (supplied
    /// by its operator) must be confirmed with that same address. A VPNv4 loopback needs a
    /// segment-routing id ≥ 1 no other live interface uses; other loopbacks take 0.
    static func activateDeviceInterface(
        _ args: ActivateDeviceInterfaceArgs, in context: inout ExecutionContext
    ) throws(ProgramError) {
        try context.requireActivator("activate_device_interface")
        var device = try context.device(args.device)
        let index = try context.interfaceIndex(on: device, named: args.name)
        var interface = device.interfaces[index]
        let subject = "loopback \(interface.name) of device \(device.code)"
        guard interface.interfaceType == .loopback else {
            throw ProgramError(
                .invalidInterfaceType,
                "activate_device_interface: \(interface.name) of device \(device.code) is physical; only loopbacks are activated by the activator (links activate physical interfaces)",
                field: "name")
        }
        try StatusRequirement.require(interface.status, in: [.pending], subject, for: "activate_device_interface")
        let ref = DeviceInterfaceRef(device: device.pubkey, name: interface.name)
        if let existing = interface.ipNet {
            guard args.ipNet == existing else {
                throw ProgramError(
                    .allocationFailed, "\(subject) already has ip_net \(existing); the activator sent \(args.ipNet)",
                    field: "ip_net")
            }
        } else {
            let block = try context.globalConfig().deviceTunnelBlock
            guard args.ipNet.length == 32, block.contains(args.ipNet) else {
                throw ProgramError(
                    .allocationFailed,
                    "ip_net \(args.ipNet) for \(subject) must be a /32 inside the device tunnel block \(block)",
                    field: "ip_net")
            }
            try context.requireFreeTunnelBlockAddress(
                args.ipNet, for: subject, except: [.interface(ref)], field: "ip_net")
        }
        if interface.loopbackType == .vpnv4 {
            guard args.nodeSegmentIdx >= 1 else {
                throw ProgramError(
                    .allocationFailed, "VPNv4 \(subject) needs a node_segment_idx of 1 or more",
                    field: "node_segment_idx")
            }
            try context.requireFreeNodeSegment(args.nodeSegmentIdx, except: ref)
        } else if args.nodeSegmentIdx != 0 {
            throw ProgramError(
                .allocationFailed,
                "\(subject) is of type \(interface.loopbackType.rawValue) and takes no node_segment_idx (got \(args.nodeSegmentIdx)); only VPNv4 loopbacks have one",
                field: "node_segment_idx")
        }
        interface.ipNet = args.ipNet
        interface.nodeSegmentIdx = args.nodeSegmentIdx
        interface.status = .activated
        device.interfaces[index] = interface
        try context.write(.device(device))
    }

    /// Rejects a pending loopback (the interface keeps no reason; the reason must still be given).
    static func rejectDeviceInterface(
        _ args: RejectDeviceInterfaceArgs, in context: inout ExecutionContext
    ) throws(ProgramError) {
        try context.requireActivator("reject_device_interface")
        var device = try context.device(args.device)
        let index = try context.interfaceIndex(on: device, named: args.name)
        let subject = "interface \(device.interfaces[index].name) of device \(device.code)"
        try StatusRequirement.require(
            device.interfaces[index].status, in: [.pending], subject, for: "reject_device_interface")
        try RejectReason.validate(args.reason, for: subject)
        device.interfaces[index].status = .rejected
        try context.write(.device(device))
    }

    /// Removes a deleting interface once the activator has released its allocations.
    static func removeDeviceInterface(_ args: InterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("remove_device_interface")
        var device = try context.device(args.device)
        let index = try context.interfaceIndex(on: device, named: args.name)
        try StatusRequirement.require(
            device.interfaces[index].status, in: [.deleting],
            "interface \(device.interfaces[index].name) of device \(device.code)",
            for: "remove_device_interface")
        device.interfaces.remove(at: index)
        try context.write(.device(device))
    }
}
