import Models

/// What a client asks for when it creates a user (`create_user` or `create_subscribe_user`).
struct UserAdmissionRequest {
    /// Service type.
    var userType: UserType
    /// Device to connect to.
    var device: PublicKey
    /// How the client reaches the device.
    var cyoaType: CYOAType
    /// The client's public IP.
    var clientIp: IPv4Address
    /// The device-side endpoint the client chose (0.0.0.0 = the device's public IP).
    var tunnelEndpoint: IPv4Address
}

extension ExecutionContext {
    /// Admits a new user for the signer, or refuses with the first rule broken, checked in this
    /// order:
    ///
    /// 1. an access pass exists — dynamic (0.0.0.0, signer) first, then (client IP, signer)
    ///    (`AccessPassNotFound`);
    /// 2. the pass's IP rule admits the client IP, and no other key holds an exact pass for
    ///    the client IP unless the signer holds one too (`Unauthorized`; see
    ///    ``requireClientIpNotReserved(_:)``);
    /// 3. unicast types only: `last_access_epoch >= epoch` (`AccessPassUnauthorized`);
    /// 4. no user exists at the key (client IP, type) (`AccountAlreadyInitialized`; a banned
    ///    one gives `InvalidStatus`);
    /// 5. RFC 13: the client IP holds no other live user of the same family — one unicast
    ///    (any IBRL type) and one multicast user at most (`AccountAlreadyInitialized`);
    /// 6. the device exists (`InvalidDevicePubkey`), is activated unless the signer is foundation
    ///    or QA (`InvalidStatus`), and is not a transit device (`InvalidStatus`);
    /// 7. the device has a free slot of the type, unless the signer is QA
    ///    (`MaxUnicastUsersExceeded` / `MaxMulticastSubscribersExceeded`);
    /// 8. the tunnel endpoint is usable (`InvalidTunnelEndpoint`, see
    ///    ``requireUsableTunnelEndpoint(_:on:clientIp:for:)``).
    ///
    /// Then it takes the slot (pass connection, device counters) and returns the new pending
    /// user, owned by the signer, which the caller completes and writes.
    mutating func admitUser(_ request: UserAdmissionRequest) throws(ProgramError) -> User {
        let global = try globalState()
        let type = request.userType
        guard request.clientIp.isGlobal else {
            throw ProgramError(
                .invalidClientIp, "client_ip \(request.clientIp) is not globally routable", field: "client_ip")
        }
        var pass = try admittingAccessPass(owner: signer, clientIp: request.clientIp)
        try pass.requireIpRuleAdmits(request.clientIp)
        try requireClientIpNotReserved(request.clientIp)
        if type.isEpochGated && pass.lastAccessEpoch < global.epoch {
            throw ProgramError(
                .accessPassUnauthorized,
                "access pass \(pass.pubkey) admits \(type.rawValue) users until epoch \(pass.lastAccessEpoch); the epoch is \(global.epoch)",
                field: "last_access_epoch")
        }
        let key = EntitySeed.user(clientIp: request.clientIp, userType: type).publicKey
        try requireNoUser(at: key, clientIp: request.clientIp, type: type)
        try requireFreeFamily(of: type, clientIp: request.clientIp)

        let device = try device(request.device)
        guard device.status == .activated || global.isFoundation(signer) || signerIsQA else {
            throw ProgramError(
                .invalidStatus, "device \(device.code) is \(device.status.rawValue), not activated", field: "device_pk")
        }
        guard device.deviceType != .transit else {
            throw ProgramError(
                .invalidStatus, "device \(device.code) is a transit device: transit devices terminate no users",
                field: "device_pk")
        }
        guard signerIsQA || device.hasFreeSlot(for: type) else {
            let family = type.isUnicast ? "unicast" : "multicast"
            throw ProgramError(
                type.isUnicast ? .maxUnicastUsersExceeded : .maxMulticastSubscribersExceeded,
                "device \(device.code) has no free \(family) slot (\(device.usersCount(for: type)) of \(device.maxUsers(for: type)) used)",
                field: "device_pk")
        }
        try requireUsableTunnelEndpoint(request.tunnelEndpoint, on: device, clientIp: request.clientIp, for: key)

        try pass.connect(from: request.clientIp)
        try write(.accessPass(pass))
        try claimDeviceSlot(for: type, on: device)
        return User(
            pubkey: key, owner: signer, userType: type, device: device.pubkey, cyoaType: request.cyoaType,
            clientIp: request.clientIp, tunnelEndpoint: request.tunnelEndpoint, status: .pending,
            validatorPubkey: pass.accessPassType == .solanaValidator ? pass.typeKey : nil)
    }

    /// Fails unless the key (client IP, type) is free: a banned user there blocks re-creation
    /// (`InvalidStatus`), any other user gives `AccountAlreadyInitialized`.
    private func requireNoUser(at key: PublicKey, clientIp: IPv4Address, type: UserType) throws(ProgramError) {
        guard let existing = state.users[key] else { return }
        if existing.status == .banned {
            throw ProgramError(
                .invalidStatus,
                "the \(type.rawValue) user of client \(clientIp) (\(key)) is banned and cannot be re-created",
                field: "client_ip")
        }
        throw ProgramError(
            .accountAlreadyInitialized,
            "client \(clientIp) already has a \(type.rawValue) user (\(key), \(existing.status.rawValue)); delete it first",
            field: "client_ip")
    }

    /// RFC 13: fails with `AccountAlreadyInitialized` if the client IP already holds a live user
    /// of the same family (unicast: any IBRL type; multicast).
    private func requireFreeFamily(of type: UserType, clientIp: IPv4Address) throws(ProgramError) {
        guard
            let other = state.users.values.first(where: {
                $0.clientIp == clientIp && $0.userType.isUnicast == type.isUnicast && $0.holdsSlot
            })
        else { return }
        let family = type.isUnicast ? "unicast" : "multicast"
        throw ProgramError(
            .accountAlreadyInitialized,
            "client \(clientIp) already has a \(family) user (\(other.userType.rawValue), \(other.pubkey)); RFC 13 allows one unicast and one multicast user per client IP",
            field: "user_type")
    }
}
