import Models

extension Device {
    /// Why a pending user of `type` may not be activated on this device, or nil if it may.
    ///
    /// The ledger counts a pending user in its device's per-type counter at creation, so a
    /// counter above the limit means the limit was lowered after the user was admitted (or a QA
    /// signer bypassed it); a limit of 0 means the device takes no users of that type at all.
    /// Either way the activator rejects the user rather than activate it past the limit.
    func slotRefusal(for type: UserType) -> String? {
        let family = type.isUnicast ? "unicast" : "multicast"
        let limit = maxUsers(for: type)
        if limit == 0 { return "device \(code) has no \(family) slots" }
        let count = usersCount(for: type)
        if count > limit { return "device \(code) is over its \(family) user limit (\(count) of \(limit))" }
        return nil
    }
}
