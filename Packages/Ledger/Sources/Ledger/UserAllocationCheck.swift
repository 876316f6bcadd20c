import Models

/// The ledger's check of the allocation the activator proposes for a pending user (DESIGN
/// decision 3: the activator allocates, the ledger verifies, so a buggy activator cannot
/// corrupt state). Values the user itself already holds (a re-activation after a multicast
/// role change keeps its tunnel) never collide with themselves.
extension ExecutionContext {
    /// Checks `args` for `user` on `device`:
    ///
    /// - `tunnel_id` in 500...4595 (`InvalidTunnelId`), unused by the device's other users
    ///   (`AllocationFailed`);
    /// - `tunnel_net` an aligned /31 inside the user tunnel block (`InvalidTunnelNet`), unused by
    ///   every other user (`AllocationFailed`);
    /// - `dz_ip` as ``requireValidDzIp(_:for:on:)`` says;
    /// - `tunnel_endpoint` usable (`InvalidTunnelEndpoint`) and the one the user chose, if it chose.
    func verifyAllocation(_ args: ActivateUserArgs, for user: User, on device: Device) throws(ProgramError) {
        let config = try globalConfig()
        try requireValidTunnelId(args.tunnelId, for: user, on: device)
        try requireValidTunnelNet(args.tunnelNet, for: user, block: config.userTunnelBlock)
        try requireValidDzIp(args.dzIp, for: user, on: device)
        try requireUsableTunnelEndpoint(args.tunnelEndpoint, on: device, clientIp: user.clientIp, for: user.pubkey)
        try requireKeepsChosenTunnelEndpoint(args.tunnelEndpoint, of: user, on: device)
    }

    private func requireValidTunnelId(_ id: UInt16, for user: User, on device: Device) throws(ProgramError) {
        guard (User.firstTunnelId..<User.tunnelIdEnd).contains(id) else {
            throw ProgramError(
                .invalidTunnelId,
                "tunnel_id \(id) for user \(user.pubkey) is outside \(User.firstTunnelId)...\(User.tunnelIdEnd - 1)",
                field: "tunnel_id")
        }
        if let other = otherUser(than: user, where: { $0.device == device.pubkey && $0.tunnelId == id }) {
            throw ProgramError(
                .allocationFailed, "tunnel_id \(id) is already used on device \(device.code) by user \(other.pubkey)",
                field: "tunnel_id")
        }
    }

    private func requireValidTunnelNet(_ net: IPv4Prefix, for user: User, block: IPv4Prefix) throws(ProgramError) {
        try User.validateTunnelNet(net)
        guard block.contains(net) else {
            throw ProgramError(
                .invalidTunnelNet,
                "tunnel_net \(net) for user \(user.pubkey) is outside the user tunnel block \(block)",
                field: "tunnel_net")
        }
        if let other = otherUser(than: user, where: { !$0.tunnelNet.isUnset && $0.tunnelNet.overlaps(net) }) {
            throw ProgramError(
                .allocationFailed, "tunnel_net \(net) is already used by user \(other.pubkey) (\(other.tunnelNet))",
                field: "tunnel_net")
        }
    }

    /// Fails unless `dzIp` fits the user (`InvalidDzIp`) and, when allocated, is unused
    /// (`AllocationFailed`):
    ///
    /// - IBRL users and multicast users that publish nothing use their client IP;
    /// - IBRL-with-allocated-IP and edge-filtering users take an address of one of the device's
    ///   dz_prefixes other than the prefix's first address (reserved);
    /// - multicast publishers take an address of the global multicast publisher pool — never of
    ///   the device's dz_prefixes (RFC 13).
    private func requireValidDzIp(_ dzIp: IPv4Address, for user: User, on device: Device) throws(ProgramError) {
        guard user.needsAllocatedDzIp else {
            guard dzIp == user.clientIp else {
                throw ProgramError(
                    .invalidDzIp,
                    "\(user.userType.rawValue) user \(user.pubkey) must use its client IP \(user.clientIp) as dz_ip, not \(dzIp)",
                    field: "dz_ip")
            }
            return
        }
        if user.userType == .multicast {
            let blocks = try globalConfig().multicastPublisherBlocks
            guard blocks.contains(where: { $0.contains(dzIp) }) else {
                throw ProgramError(
                    .invalidDzIp,
                    "dz_ip \(dzIp) of multicast publisher \(user.pubkey) is outside the multicast publisher pool (\(blocks.map(\.description).joined(separator: ", "))); RFC 13: publishers never take device dz_prefixes",
                    field: "dz_ip")
            }
        } else {
            guard let prefix = device.dzPrefixes.first(where: { $0.contains(dzIp) }) else {
                throw ProgramError(
                    .invalidDzIp,
                    "dz_ip \(dzIp) of \(user.userType.rawValue) user \(user.pubkey) is outside the dz_prefixes of device \(device.code) (\(device.dzPrefixes.map(\.description).joined(separator: ", ")))",
                    field: "dz_ip")
            }
            guard dzIp != prefix.networkAddress else {
                throw ProgramError(
                    .invalidDzIp, "dz_ip \(dzIp) is the first address of dz_prefix \(prefix), which is reserved",
                    field: "dz_ip")
            }
        }
        if let other = otherUser(than: user, where: { $0.dzIp == dzIp }) {
            throw ProgramError(
                .allocationFailed, "dz_ip \(dzIp) is already used by user \(other.pubkey)", field: "dz_ip")
        }
    }

    private func otherUser(than user: User, where matches: (User) -> Bool) -> User? {
        state.users.values.first { $0.pubkey != user.pubkey && matches($0) }
    }
}
