import Models

/// User instructions, in the classic activator flow (DESIGN decision 3):
///
/// ```
/// create_user / create_subscribe_user ─▶ pending ─activate_user─▶ activated
///                                         pending ─reject_user──▶ rejected (slot released)
/// activated ─update_multicast_roles (first publisher role)─▶ pending ─activate_user─▶ activated
/// activated | suspended ─request_ban_user─▶ banned (allocation cleared, slot kept)
/// activated | rejected | suspended | banned ─delete_user─▶ deleting ─close_user─▶ removed (slot released)
/// ```
///
/// A user holds its slot (device counter, device reference, access-pass connection, multicast
/// roles) from creation until it is rejected or closed; see `UserSlot.swift`.
enum UserProgram {
    /// Creates a pending user for the signer after the admission checks of
    /// ``ExecutionContext/admitUser(_:)``.
    static func createUser(_ args: CreateUserArgs, in context: inout ExecutionContext) throws(ProgramError) {
        let user = try context.admitUser(
            UserAdmissionRequest(
                userType: args.userType, device: args.device, cyoaType: args.cyoaType, clientIp: args.clientIp,
                tunnelEndpoint: args.tunnelEndpoint))
        try context.write(.user(user))
    }

    /// Creates a pending multicast user with roles in one group: the admission checks, then the
    /// group must be activated (`InvalidStatus`) and the signer on the group's publisher
    /// allowlist to publish and subscriber allowlist to subscribe (`NotAllowed`). At least one
    /// role is needed (`InvalidArgument`).
    static func createSubscribeUser(_ args: CreateSubscribeUserArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        guard args.publisher || args.subscriber else {
            throw ProgramError(
                .invalidArgument, "create_subscribe_user needs publisher, subscriber or both", field: "publisher")
        }
        var user = try context.admitUser(
            UserAdmissionRequest(
                userType: .multicast, device: args.device, cyoaType: args.cyoaType, clientIp: args.clientIp,
                tunnelEndpoint: args.tunnelEndpoint))
        var group = try context.multicastGroup(args.group)
        try requireGrantable(publisher: args.publisher, subscriber: args.subscriber, to: user, in: group)
        try MulticastMembership.set(publisher: args.publisher, subscriber: args.subscriber, of: &user, in: &group)
        try context.write(.multicastGroup(group))
        try context.write(.user(user))
    }

    /// Sets a multicast user's roles in one group to the desired states (user owner or
    /// foundation).
    ///
    /// Granting a role the user lacks needs the user pending or activated (`InvalidStatus`), the
    /// group activated (`InvalidStatus`) and the user's owner on the group's allowlist for that
    /// role (`NotAllowed`). Dropping a role is always allowed, whatever the statuses: unlike
    /// upstream (quirk 16), a suspended group does not trap its members, who must drop every
    /// role before they can be deleted.
    ///
    /// Publisher DZ IPs come from the global pool and only the activator allocates, so:
    /// - an activated user that gains its first publisher role goes back to pending, keeping
    ///   its tunnel; the activator re-activates it with a publisher-pool `dz_ip` (the tunnel id,
    ///   net and endpoint may stay the same);
    /// - a user that loses its last publisher role gets its client IP back as `dz_ip`, keeping
    ///   its status.
    ///
    /// Device counters do not change: they count users, not roles.
    static func updateMulticastRoles(_ args: UpdateMulticastRolesArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        var user = try context.user(args.user)
        try context.requireOwnerOrFoundation(of: user, "update_multicast_roles")
        guard user.userType == .multicast else {
            throw ProgramError(
                .invalidArgument,
                "user \(user.pubkey) is a \(user.userType.rawValue) user; only multicast users take roles",
                field: "user_pk")
        }
        var group = try context.multicastGroup(args.group)
        let grantsPublisher = args.publisher && !user.publishers.contains(group.pubkey)
        let grantsSubscriber = args.subscriber && !user.subscribers.contains(group.pubkey)
        if grantsPublisher || grantsSubscriber {
            try StatusRequirement.require(
                user.status, in: [.pending, .activated], "user \(user.pubkey)", for: "update_multicast_roles",
                hint: "roles are granted only to pending or activated users")
            try requireGrantable(publisher: grantsPublisher, subscriber: grantsSubscriber, to: user, in: group)
        }
        let wasPublisher = user.isPublisher
        try MulticastMembership.set(publisher: args.publisher, subscriber: args.subscriber, of: &user, in: &group)
        if !wasPublisher && user.isPublisher && user.status == .activated {
            user.status = .pending
        } else if wasPublisher && !user.isPublisher && !user.dzIp.isUnspecified {
            user.dzIp = user.clientIp
        }
        try context.write(.multicastGroup(group))
        try context.write(.user(user))
    }

    /// Marks a user for deletion (user owner or foundation): activated, rejected, suspended or
    /// banned → deleting. The user must hold no multicast roles (`ReferenceCountNotZero`); an
    /// `update_multicast_roles` earlier in the same transaction may drop them.
    static func deleteUser(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        var user = try context.user(args.pubkey)
        try context.requireOwnerOrFoundation(of: user, "delete_user")
        try StatusRequirement.require(
            user.status, in: [.activated, .rejected, .suspended, .banned], "user \(user.pubkey)", for: "delete_user")
        guard user.publishers.isEmpty && user.subscribers.isEmpty else {
            throw ProgramError(
                .referenceCountNotZero,
                "user \(user.pubkey) still publishes to \(user.publishers.count) and subscribes to \(user.subscribers.count) multicast group(s); drop the roles first",
                field: "publishers")
        }
        user.status = .deleting
        try context.write(.user(user))
    }

    /// Bans a user (foundation): activated or suspended → banned, with its allocation cleared
    /// (tunnel id 0, tunnel net unset, DZ IP unspecified). As upstream (quirk 6), the slot —
    /// device counter and reference, access-pass connection, multicast roles — is kept until
    /// the user is deleted and closed. A banned user blocks re-creation at its key.
    static func requestBanUser(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("request_ban_user")
        var user = try context.user(args.pubkey)
        try StatusRequirement.require(
            user.status, in: [.activated, .suspended], "user \(user.pubkey)", for: "request_ban_user")
        user.status = .banned
        user.clearAllocation()
        try context.write(.user(user))
    }

    /// Activates a pending user with the activator's allocation, after
    /// ``ExecutionContext/verifyAllocation(_:for:on:)`` (activator).
    static func activateUser(_ args: ActivateUserArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("activate_user")
        var user = try context.user(args.pubkey)
        try StatusRequirement.require(user.status, in: [.pending], "user \(user.pubkey)", for: "activate_user")
        let device = try context.device(user.device)
        try context.verifyAllocation(args, for: user, on: device)
        user.tunnelId = args.tunnelId
        user.tunnelNet = args.tunnelNet
        user.dzIp = args.dzIp
        user.tunnelEndpoint = args.tunnelEndpoint
        user.status = .activated
        try context.write(.user(user))
    }

    /// Rejects a pending user with a reason (activator): pending → rejected, releasing its slot
    /// and clearing any allocation it kept (a re-activation's tunnel).
    static func rejectUser(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("reject_user")
        var user = try context.user(args.pubkey)
        try RejectReason.validate(args.reason, for: "user \(user.pubkey)")
        try StatusRequirement.require(user.status, in: [.pending], "user \(user.pubkey)", for: "reject_user")
        try context.releaseSlot(of: &user)
        user.clearAllocation()
        user.status = .rejected
        user.rejectReason = args.reason
        try context.write(.user(user))
    }

    /// Removes a deleting user (activator), releasing its slot unless rejection already did.
    static func closeUser(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("close_user")
        var user = try context.user(args.pubkey)
        try StatusRequirement.require(user.status, in: [.deleting], "user \(user.pubkey)", for: "close_user")
        if user.holdsSlot {
            try context.releaseSlot(of: &user)
        }
        context.delete(EntityRef(kind: .user, pubkey: user.pubkey))
    }

    /// Fails unless `group` is activated (`InvalidStatus`) and the user's owner is on the
    /// group's publisher allowlist when `publisher` and subscriber allowlist when `subscriber`
    /// (`NotAllowed`).
    private static func requireGrantable(
        publisher: Bool, subscriber: Bool, to user: User, in group: MulticastGroup
    ) throws(ProgramError) {
        guard group.status == .activated else {
            throw ProgramError(
                .invalidStatus, "multicast group \(group.code) is \(group.status.rawValue), not activated",
                field: "group_pk")
        }
        if publisher && !group.publisherAllowlist.contains(user.owner) {
            throw ProgramError(
                .notAllowed, "\(user.owner) is not on the publisher allowlist of multicast group \(group.code)",
                field: "publisher")
        }
        if subscriber && !group.subscriberAllowlist.contains(user.owner) {
            throw ProgramError(
                .notAllowed, "\(user.owner) is not on the subscriber allowlist of multicast group \(group.code)",
                field: "subscriber")
        }
    }
}
