import Models

/// Device interface instructions (classic activator flow).
///
/// Loopbacks start pending and the activator allocates a /32 from the device tunnel block (and
/// a segment-routing id for VPNv4 loopbacks), unless the operator supplied the address (a
/// user-tunnel-endpoint loopback's public IP), in which case they start activated. Physical
/// interfaces start unlinked and become activated when a link binding them is activated.
/// Deleting a loopback that holds allocations marks it deleting; the activator releases them and
/// removes it. Other interfaces are removed at once.
enum InterfaceProgram {
    /// Adds an interface to a device.
    ///
    /// The device may have at most the global config's `max_interfaces_per_device` interfaces
    /// (128 when the config sets none), counting every stored interface whatever its status
    /// (`InterfaceLimitExceeded`). A user-tunnel-endpoint address may overlap no other device's
    /// addresses (`AddressInUse`).
    static func createDeviceInterface(
        _ args: CreateDeviceInterfaceArgs, in context: inout ExecutionContext
    ) throws(ProgramError) {
        var device = try context.device(args.device)
        try context.requireDeviceManager(device, "create_device_interface")
        try DeviceProgram.requireAcceptsAttachments(device, for: "create_device_interface")
        try requireRoomForAnInterface(on: device, in: context)
        let stored = device
        let name = try InterfaceName.normalize(args.name)
        if let existing = device.interface(named: name) {
            throw ProgramError(
                .interfaceAlreadyExists, "device \(device.code) already has interface \(existing.name)", field: "name")
        }
        let status: InterfaceStatus =
            if !InterfaceName.isLoopback(name) {
                .unlinked
            } else if args.ipNet == nil || args.loopbackType == .vpnv4 {
                .pending  // the activator allocates the address and/or the segment-routing id
            } else {
                .activated
            }
        let interface = DeviceInterface(
            name: name, status: status, loopbackType: args.loopbackType, cyoa: args.cyoa, dia: args.dia,
            bandwidth: args.bandwidth, cir: args.cir, mtu: args.mtu, routingMode: args.routingMode, vlanId: args.vlanId,
            ipNet: args.ipNet, userTunnelEndpoint: args.userTunnelEndpoint)
        let ref = DeviceInterfaceRef(device: device.pubkey, name: name)
        try requireAddressRules(supplied: args.ipNet, for: interface, on: device)
        if let ipNet = args.ipNet {
            try requireFreeSuppliedAddress(ipNet, for: ref, on: device, in: context)
        }
        device.interfaces.append(interface)
        try context.write(.device(device))
        try context.requireUnclaimedAddresses(of: device, before: stored)
    }

    /// Fails with `InterfaceLimitExceeded` when `device` already has as many interfaces as the
    /// global config allows.
    private static func requireRoomForAnInterface(on device: Device, in context: ExecutionContext)
        throws(ProgramError)
    {
        let config = context.state.globalConfig
        let limit = config?.interfaceLimit ?? Int(GlobalConfig.defaultMaxInterfacesPerDevice)
        guard device.interfaces.count < limit else {
            let source = config?.maxInterfacesPerDevice == nil ? "the default" : "the global config's"
            throw ProgramError(
                .interfaceLimitExceeded,
                "device \(device.code) already has \(device.interfaces.count) interfaces; \(source) max_interfaces_per_device is \(limit)",
                field: "interfaces")
        }
    }

    /// Deletes an activated, unlinked or rejected interface that no link binds: a loopback
    /// holding allocations becomes deleting (the activator removes it); anything else goes at once.
    static func deleteDeviceInterface(_ args: InterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var device = try context.device(args.device)
        try context.requireDeviceManager(device, "delete_device_interface")
        let index = try context.interfaceIndex(on: device, named: args.name)
        let interface = device.interfaces[index]
        try StatusRequirement.require(
            interface.status, in: [.activated, .unlinked, .rejected],
            "interface \(interface.name) of device \(device.code)", for: "delete_device_interface",
            hint: interface.status == .deleting
                ? "it is already being deleted" : "wait for the activator to activate or reject it")
        let ref = DeviceInterfaceRef(device: device.pubkey, name: interface.name)
        if let link = context.link(boundTo: ref) {
            throw ProgramError(
                .referenceCountNotZero,
                "interface \(interface.name) of device \(device.code) is bound to link \(link.code); delete the link first",
                field: "name")
        }
        if holdsAllocation(interface, in: context) {
            device.interfaces[index].status = .deleting
        } else {
            device.interfaces.remove(at: index)
        }
        try context.write(.device(device))
    }

    /// Whether the activator allocated something to `interface` that it must release: a loopback
    /// with an address in the device tunnel block or a segment-routing id.
    static func holdsAllocation(_ interface: DeviceInterface, in context: ExecutionContext) -> Bool {
        guard interface.interfaceType == .loopback else { return false }
        if interface.nodeSegmentIdx != 0 { return true }
        guard let ipNet = interface.ipNet, let block = context.state.globalConfig?.deviceTunnelBlock else {
            return false
        }
        return block.overlaps(ipNet.network)
    }

    /// The rules for a caller-supplied address: `ip_net` may be supplied only for CYOA, DIA or
    /// user-tunnel-endpoint interfaces, and a user tunnel endpoint needs one (its public IP).
    ///
    /// - Parameters:
    ///   - supplied: the address in the instruction, if any.
    ///   - interface: the interface as it will be written.
    static func requireAddressRules(
        supplied: IPv4Prefix?, for interface: DeviceInterface, on device: Device
    ) throws(ProgramError) {
        if let supplied, !interface.isEdge && !interface.userTunnelEndpoint {
            throw ProgramError(
                .invalidInterfaceIp,
                "ip_net \(supplied) for interface \(interface.name) of device \(device.code): an address may be supplied only for CYOA, DIA or user-tunnel-endpoint interfaces; the activator allocates the others",
                field: "ip_net")
        }
        if interface.userTunnelEndpoint && interface.ipNet == nil {
            throw ProgramError(
                .invalidInterfaceIp,
                "user-tunnel-endpoint interface \(interface.name) of device \(device.code) needs its public ip_net",
                field: "ip_net")
        }
    }

    /// A supplied address that falls in the device tunnel block must not collide with the
    /// activator's allocations there (`AllocationFailed`).
    static func requireFreeSuppliedAddress(
        _ ipNet: IPv4Prefix, for ref: DeviceInterfaceRef, on device: Device, in context: ExecutionContext
    ) throws(ProgramError) {
        guard let block = context.state.globalConfig?.deviceTunnelBlock, block.overlaps(ipNet.network) else { return }
        try context.requireFreeTunnelBlockAddress(
            ipNet, for: "interface \(ref.name) of device \(device.code)", except: [.interface(ref)], field: "ip_net")
    }
}
