import Models

extension InterfaceProgram {
    /// Updates an interface's fields (upstream 7.5), then validates it.
    ///
    /// - A loopback's type cannot become none (`InvalidLoopbackType`), nor become VPNv4 once the
    ///   loopback is past pending (it would need a segment id from the activator: delete and
    ///   re-create it); leaving VPNv4 drops the segment id.
    /// - An interface bound to a link, or an activated physical one, cannot take a CYOA, DIA or
    ///   user-tunnel-endpoint role (`InterfaceHasEdgeAssignment`), and its bandwidth cannot drop
    ///   below the link's (`InvalidBandwidth`).
    /// - `ip_net` may be supplied only for CYOA, DIA or user-tunnel-endpoint interfaces.
    /// - When the CYOA/DIA role changes and no MTU is given, the MTU follows the role (1500 for
    ///   CYOA/DIA, else 9000).
    /// - A deleting interface cannot be updated.
    /// - A new user-tunnel-endpoint address may overlap no other device's addresses
    ///   (`AddressInUse`).
    static func updateDeviceInterface(
        _ args: UpdateDeviceInterfaceArgs, in context: inout ExecutionContext
    ) throws(ProgramError) {
        var device = try context.device(args.device)
        try context.requireDeviceManager(device, "update_device_interface")
        let stored = device
        let index = try context.interfaceIndex(on: device, named: args.name)
        let old = device.interfaces[index]
        var interface = old
        let subject = "interface \(old.name) of device \(device.code)"
        try StatusRequirement.require(
            old.status, in: [.pending, .activated, .unlinked, .rejected], subject, for: "update_device_interface")
        if let loopbackType = args.loopbackType {
            try requireLoopbackTypeChange(of: old, to: loopbackType, subject: subject)
            interface.loopbackType = loopbackType
            if loopbackType != .vpnv4 { interface.nodeSegmentIdx = 0 }
        }
        if let cyoa = args.cyoa { interface.cyoa = cyoa }
        if let dia = args.dia { interface.dia = dia }
        if let userTunnelEndpoint = args.userTunnelEndpoint { interface.userTunnelEndpoint = userTunnelEndpoint }
        if let ipNet = args.ipNet { interface.ipNet = ipNet }
        if let mtu = args.mtu {
            interface.mtu = mtu
        } else if interface.isEdge != old.isEdge {
            interface.mtu = interface.isEdge ? DeviceInterface.accessMTU : DeviceInterface.standardMTU
        }
        if let bandwidth = args.bandwidth { interface.bandwidth = bandwidth }
        if let cir = args.cir { interface.cir = cir }
        if let routingMode = args.routingMode { interface.routingMode = routingMode }
        if let vlanId = args.vlanId { interface.vlanId = vlanId }

        let ref = DeviceInterfaceRef(device: device.pubkey, name: old.name)
        let link = context.link(boundTo: ref)
        if interface.isEdge || interface.userTunnelEndpoint,
            link != nil || (old.interfaceType == .physical && old.status == .activated)
        {
            let holder = link.map { "bound to link \($0.code)" } ?? "activated"
            throw ProgramError(
                .interfaceHasEdgeAssignment,
                "\(subject) is \(holder) and cannot take a CYOA, DIA or user-tunnel-endpoint role",
                field: "interface_cyoa")
        }
        if let link, interface.bandwidth < link.bandwidth {
            throw ProgramError(
                .invalidBandwidth,
                "bandwidth \(interface.bandwidth) bps of \(subject) would be below the \(link.bandwidth) bps of link \(link.code)",
                field: "bandwidth")
        }
        try requireAddressRules(supplied: args.ipNet, for: interface, on: device)
        if let ipNet = args.ipNet, ipNet != old.ipNet {
            try requireFreeSuppliedAddress(ipNet, for: ref, on: device, in: context)
        }
        device.interfaces[index] = interface
        try context.write(.device(device))
        try context.requireUnclaimedAddresses(of: device, before: stored)
    }

    /// Checks a loopback type change (physical interfaces are left to validation, which refuses
    /// any loopback type on them).
    private static func requireLoopbackTypeChange(
        of interface: DeviceInterface, to loopbackType: LoopbackType, subject: String
    ) throws(ProgramError) {
        guard interface.interfaceType == .loopback else { return }
        guard loopbackType != .none else {
            throw ProgramError(
                .invalidLoopbackType, "the loopback type of \(subject) cannot be set to none", field: "loopback_type")
        }
        if loopbackType == .vpnv4 && interface.loopbackType != .vpnv4 && interface.status != .pending {
            throw ProgramError(
                .invalidLoopbackType,
                "\(subject) is \(interface.status.rawValue) and cannot become VPNv4: it would need a segment-routing id from the activator; delete and re-create it",
                field: "loopback_type")
        }
    }
}
