import Models

/// Device instructions in the classic activator flow (DESIGN.md decision 3).
///
/// A device is created pending by its contributor's owner (or the foundation); the activator
/// activates or rejects it. The owner drains and undrains it (``updateDevice(_:in:)``); a
/// drained, suspended or rejected device with no references and no interfaces can be deleted,
/// which marks it deleting, and the activator closes it, releasing its references.
enum DeviceProgram {
    /// Creates a pending device; its contributor, location and exchange each gain a reference.
    ///
    /// Its public IP and dz_prefixes may overlap no other device's addresses (`AddressInUse`,
    /// see ``ExecutionContext/requireUnclaimedAddresses(of:before:)``).
    static func createDevice(_ args: CreateDeviceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        let contributor = try context.contributor(args.contributor)
        try context.requireContributorOwnerOrFoundation(contributor, "create_device")
        _ = try context.location(args.location)
        _ = try context.exchange(args.exchange)
        let code = try AccountCode.normalizedLowercase(args.code)
        try context.requireUniqueCode(code, among: .device)
        let index = try context.nextAccountIndex()
        let device = Device(
            pubkey: EntitySeed.device(index: index).publicKey, owner: context.signer, index: index, code: code,
            contributor: args.contributor, location: args.location, exchange: args.exchange,
            deviceType: args.deviceType, publicIp: args.publicIp, dzPrefixes: args.dzPrefixes,
            metricsPublisher: args.metricsPublisher, mgmtVrf: args.mgmtVrf, status: .pending,
            maxUnicastUsers: args.maxUnicastUsers, maxMulticastUsers: args.maxMulticastUsers)
        try context.requireAbsent(EntityRef(kind: .device, pubkey: device.pubkey))
        try context.write(.device(device))
        try context.requireUnclaimedAddresses(of: device)
        for ref in referencedInfrastructure(of: device) {
            try context.changeReferenceCount(ref, by: +1)
        }
    }

    /// The activator activates a pending device.
    static func activateDevice(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("activate_device")
        var device = try context.device(args.pubkey, field: "pubkey")
        try StatusRequirement.require(device.status, in: [.pending], "device \(device.code)", for: "activate_device")
        device.status = .activated
        try context.write(.device(device))
    }

    /// The activator rejects a pending device, saying why.
    static func rejectDevice(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("reject_device")
        var device = try context.device(args.pubkey, field: "pubkey")
        try StatusRequirement.require(device.status, in: [.pending], "device \(device.code)", for: "reject_device")
        try RejectReason.validate(args.reason, for: "device \(device.code)")
        device.status = .rejected
        device.rejectReason = args.reason
        try context.write(.device(device))
    }

    /// Marks a drained, suspended or rejected device with no references and no interfaces as
    /// deleting; the activator then closes it.
    static func deleteDevice(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var device = try context.device(args.pubkey, field: "pubkey")
        try context.requireDeviceManager(device, "delete_device")
        try StatusRequirement.require(
            device.status, in: [.drained, .suspended, .rejected], "device \(device.code)", for: "delete_device",
            hint: device.status == .deleting ? "it is already being deleted" : "drain it first")
        try requireDetached(device, for: "delete_device", in: context)
        device.status = .deleting
        try context.write(.device(device))
    }

    /// The activator closes a deleting device: it is removed and its contributor, location and
    /// exchange each lose a reference.
    static func closeDevice(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("close_device")
        let device = try context.device(args.pubkey, field: "pubkey")
        try StatusRequirement.require(device.status, in: [.deleting], "device \(device.code)", for: "close_device")
        try requireDetached(device, for: "close_device", in: context)
        context.delete(EntityRef(kind: .device, pubkey: device.pubkey))
        for ref in referencedInfrastructure(of: device) {
            try context.changeReferenceCount(ref, by: -1)
        }
    }

    /// Fails with `InvalidStatus` if `device` is deleting or rejected: such a device takes no new
    /// interfaces or links (they would keep it from being closed).
    static func requireAcceptsAttachments(_ device: Device, for action: String) throws(ProgramError) {
        guard device.status != .deleting && device.status != .rejected else {
            throw ProgramError(
                .invalidStatus,
                "\(action): device \(device.code) is \(device.status.rawValue) and takes no new interfaces or links",
                field: "status")
        }
    }

    /// The contributor, location and exchange a device holds a reference on.
    static func referencedInfrastructure(of device: Device) -> [EntityRef] {
        [
            EntityRef(kind: .contributor, pubkey: device.contributor),
            EntityRef(kind: .location, pubkey: device.location),
            EntityRef(kind: .exchange, pubkey: device.exchange),
        ]
    }

    /// Fails with `ReferenceCountNotZero` while links reference the device or any user (in any
    /// status) is on it, and with `DeviceHasInterfaces` while it has interfaces.
    private static func requireDetached(
        _ device: Device, for action: String, in context: ExecutionContext
    ) throws(ProgramError) {
        guard device.referenceCount == 0 else {
            throw ProgramError(
                .referenceCountNotZero,
                "\(action): device \(device.code) is still referenced \(device.referenceCount) time(s) by links or users",
                field: "reference_count")
        }
        let users = context.state.users.values.filter { $0.device == device.pubkey }.count
        guard users == 0 else {
            throw ProgramError(
                .referenceCountNotZero,
                "\(action): device \(device.code) still has \(users) user(s); remove them first",
                field: "reference_count")
        }
        guard device.interfaces.isEmpty else {
            let names = device.interfaces.map(\.name).joined(separator: ", ")
            throw ProgramError(
                .deviceHasInterfaces,
                "\(action): device \(device.code) still has interfaces (\(names)); delete them first",
                field: "interfaces")
        }
    }
}
