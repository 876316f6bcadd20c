import Models

/// How a link claims, uses and releases its devices' interfaces.
extension LinkProgram {
    /// Checks that the interface called `name` on `device` can be bound to a link of `bandwidth`
    /// bps and returns its normalised name.
    ///
    /// The interface must exist by its normalised name (`InvalidInterfaceName`), be physical
    /// (`InvalidInterfaceType`), have no CYOA, DIA or user-tunnel-endpoint role
    /// (`InterfaceHasEdgeAssignment`), be unlinked and bound to no other link (`InvalidStatus`),
    /// and carry at least the link's bandwidth (`InvalidBandwidth`).
    static func bindableInterface(
        _ name: String, on device: Device, field: String, bandwidth: UInt64, except link: PublicKey? = nil,
        in context: ExecutionContext
    ) throws(ProgramError) -> String {
        let index = try context.interfaceIndex(on: device, named: name, missing: .invalidInterfaceName, field: field)
        let interface = device.interfaces[index]
        let subject = "interface \(interface.name) of device \(device.code)"
        guard interface.interfaceType == .physical else {
            throw ProgramError(
                .invalidInterfaceType, "a link needs a physical interface; \(subject) is a loopback", field: field)
        }
        guard !interface.isEdge && !interface.userTunnelEndpoint else {
            throw ProgramError(
                .interfaceHasEdgeAssignment,
                "\(subject) has a CYOA, DIA or user-tunnel-endpoint role and cannot carry a link", field: field)
        }
        try StatusRequirement.require(interface.status, in: [.unlinked], subject, for: "binding a link")
        if let other = context.link(
            boundTo: DeviceInterfaceRef(device: device.pubkey, name: interface.name), except: link)
        {
            throw ProgramError(.invalidStatus, "\(subject) is already bound to link \(other.code)", field: field)
        }
        try requireBandwidth(of: interface, on: device, carries: bandwidth, field: field)
        return interface.name
    }

    /// Fails with `InvalidBandwidth` if `interface` has less bandwidth than a link of `bandwidth` bps.
    static func requireBandwidth(
        of interface: DeviceInterface, on device: Device, carries bandwidth: UInt64, field: String
    ) throws(ProgramError) {
        guard interface.bandwidth >= bandwidth else {
            throw ProgramError(
                .invalidBandwidth,
                "interface \(interface.name) of device \(device.code) has \(interface.bandwidth) bps, less than the link's \(bandwidth) bps",
                field: field)
        }
    }

    /// Applies `change` to a bound interface and writes its device back.
    ///
    /// - Throws: `InterfaceNotFound` if the interface is gone (the ledger prevents that while a
    ///   link binds it), or whatever `change` throws.
    static func changeBoundInterface(
        _ ref: DeviceInterfaceRef, in context: inout ExecutionContext,
        _ change: (inout DeviceInterface, Device) throws(ProgramError) -> Void
    ) throws(ProgramError) {
        var device = try context.device(ref.device)
        guard let index = device.interfaces.firstIndex(where: { $0.name == ref.name }) else {
            throw ProgramError(
                .interfaceNotFound, "device \(device.code) no longer has interface \(ref.name)", field: "name")
        }
        try change(&device.interfaces[index], device)
        try context.write(.device(device))
    }
}
