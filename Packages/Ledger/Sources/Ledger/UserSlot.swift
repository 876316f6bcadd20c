import Models

/// A user's slot: what it holds besides its own record, from creation until it is rejected or
/// closed — its device's per-type counter and a device reference, one connection of its access
/// pass, and its multicast roles (the groups' publisher/subscriber counts).
///
/// Pending users hold their slot too, so two clients cannot both be admitted to a device's
/// last free slot. A banned user keeps its slot (as upstream, quirk 6) until it is closed.
extension User {
    /// Whether the user still holds its slot: every status but rejected, and deleting unless
    /// the user reached it from rejected (rejection already gave the slot back; a rejected user
    /// is the only kind that carries a `reject_reason`).
    public var holdsSlot: Bool {
        switch status {
        case .pending, .activated, .suspended, .banned: true
        case .rejected: false
        case .deleting: rejectReason == nil
        }
    }

    /// Clears the activator's allocation: tunnel id 0, tunnel net unset, DZ IP unspecified.
    mutating func clearAllocation() {
        tunnelId = 0
        tunnelNet = .unset
        dzIp = .unspecified
    }
}

extension ExecutionContext {
    /// Takes a slot of `type` on `device`: its per-type user counter and its reference count
    /// rise by one.
    ///
    /// - Throws: ``ProgramError`` with `ArithmeticOverflow` if a counter is at its maximum.
    mutating func claimDeviceSlot(for type: UserType, on device: Device) throws(ProgramError) {
        var device = device
        if type.isUnicast {
            try LedgerCounter.increment(&device.unicastUsersCount, "the unicast user count of device \(device.code)")
        } else {
            try LedgerCounter.increment(
                &device.multicastUsersCount, "the multicast user count of device \(device.code)")
        }
        try write(.device(device))
        try changeReferenceCount(EntityRef(kind: .device, pubkey: device.pubkey), by: 1)
    }

    /// Gives back everything `user` holds besides its record: its device slot (per-type counter
    /// and reference), its access-pass connection and every multicast role (the user's lists are
    /// emptied and the groups' counts lowered). The caller writes or deletes the user; call only
    /// while `user.holdsSlot`.
    mutating func releaseSlot(of user: inout User) throws(ProgramError) {
        var device = try device(user.device)
        if user.userType.isUnicast {
            try LedgerCounter.decrement(&device.unicastUsersCount, "the unicast user count of device \(device.code)")
        } else {
            try LedgerCounter.decrement(
                &device.multicastUsersCount, "the multicast user count of device \(device.code)")
        }
        try write(.device(device))
        try changeReferenceCount(EntityRef(kind: .device, pubkey: device.pubkey), by: -1)
        if var pass = releasingAccessPass(owner: user.owner, clientIp: user.clientIp) {
            try pass.disconnect()
            try write(.accessPass(pass))
        }
        for key in Set(user.publishers + user.subscribers).sorted() {
            var group = try multicastGroup(key)
            try MulticastMembership.set(publisher: false, subscriber: false, of: &user, in: &group)
            try write(.multicastGroup(group))
        }
    }
}
