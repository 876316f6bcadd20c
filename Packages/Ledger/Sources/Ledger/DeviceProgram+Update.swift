import Models

extension DeviceProgram {
    /// Updates a device's fields.
    ///
    /// Owners may only drain (activated → drained) and undrain (drained → activated); the
    /// foundation may set any status but pending and deleting (deletion goes through
    /// `delete_device`, which checks references). Moving location or exchange moves the
    /// reference. Lowering a user limit below the live count is allowed. A deleting device
    /// cannot be updated. A new public IP or dz_prefix may overlap no other device's addresses
    /// (`AddressInUse`).
    static func updateDevice(_ args: UpdateDeviceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var device = try context.device(args.pubkey, field: "pubkey")
        let stored = device
        try context.requireDeviceManager(device, "update_device")
        guard device.status != .deleting else {
            throw ProgramError(
                .invalidStatus, "update_device: device \(device.code) is being deleted and cannot change",
                field: "status")
        }
        if let code = args.code {
            let lower = try AccountCode.normalizedLowercase(code)
            try context.requireUniqueCode(lower, among: .device, except: device.pubkey)
            device.code = lower
        }
        if let deviceType = args.deviceType { device.deviceType = deviceType }
        if let publicIp = args.publicIp { device.publicIp = publicIp }
        if let metricsPublisher = args.metricsPublisher {
            device.metricsPublisher = metricsPublisher.isZero ? nil : metricsPublisher
        }
        if let mgmtVrf = args.mgmtVrf { device.mgmtVrf = mgmtVrf }
        if let max = args.maxUnicastUsers { device.maxUnicastUsers = max }
        if let max = args.maxMulticastUsers { device.maxMulticastUsers = max }
        if let prefixes = args.dzPrefixes, prefixes != device.dzPrefixes {
            try requireNoAllocatedDzIp(on: device, in: context)
            device.dzPrefixes = prefixes
        }
        if let status = args.status {
            try requireStatusChange(of: device, to: status, byFoundation: context.signerIsFoundation)
            device.status = status
            if status != .rejected { device.rejectReason = nil }
        }
        var moves: [(from: EntityRef, to: EntityRef)] = []
        if let location = args.location, location != device.location {
            _ = try context.location(location)
            moves.append(
                (EntityRef(kind: .location, pubkey: device.location), EntityRef(kind: .location, pubkey: location)))
            device.location = location
        }
        if let exchange = args.exchange, exchange != device.exchange {
            _ = try context.exchange(exchange)
            moves.append(
                (EntityRef(kind: .exchange, pubkey: device.exchange), EntityRef(kind: .exchange, pubkey: exchange)))
            device.exchange = exchange
        }
        try context.write(.device(device))
        try context.requireUnclaimedAddresses(of: device, before: stored)
        for move in moves {
            try context.changeReferenceCount(move.from, by: -1)
            try context.changeReferenceCount(move.to, by: +1)
        }
    }

    /// Fails with `InvalidStatus` while a user of `device` holds a dz_ip (other than its client
    /// IP) from the device's current dz_prefixes: changing them would orphan that address.
    private static func requireNoAllocatedDzIp(on device: Device, in context: ExecutionContext) throws(ProgramError) {
        let holder = context.state.users.values.sorted { $0.pubkey < $1.pubkey }.first { user in
            user.device == device.pubkey && user.status != .rejected && user.dzIp != user.clientIp
                && device.dzPrefixes.contains { $0.contains(user.dzIp) }
        }
        if let holder {
            throw ProgramError(
                .invalidStatus,
                "dz_prefixes of device \(device.code) cannot change while user \(holder.pubkey) holds dz_ip \(holder.dzIp) from them; remove its users first",
                field: "dz_prefixes")
        }
    }

    /// Checks a status change asked for by `update_device`.
    private static func requireStatusChange(
        of device: Device, to status: DeviceStatus, byFoundation: Bool
    ) throws(ProgramError) {
        if byFoundation {
            guard status != .pending && status != .deleting else {
                throw ProgramError(
                    .invalidStatus,
                    "update_device cannot set device \(device.code) to \(status.rawValue): only the ledger sets pending, and delete_device sets deleting",
                    field: "status")
            }
            return
        }
        let ownerStatuses: [DeviceStatus] = [.activated, .drained]
        guard ownerStatuses.contains(device.status), ownerStatuses.contains(status) else {
            throw ProgramError(
                .notAllowed,
                "the device owner may only move device \(device.code) between activated and drained (it is \(device.status.rawValue), asked for \(status.rawValue)); other changes need a foundation key",
                field: "status")
        }
    }
}
