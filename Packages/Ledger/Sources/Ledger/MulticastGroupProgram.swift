import Models

/// Multicast group instructions, in the classic activator flow:
///
/// ```
/// create (foundation) ─▶ pending ─activate (activator, multicast_ip)─▶ activated
///                        pending ─reject (activator, reason)────────▶ rejected
/// activated ─suspend (foundation)─▶ suspended ─reactivate (foundation)─▶ activated
/// activated | suspended | rejected ─delete (foundation, no members)─▶ deleting ─close (activator)─▶ removed
/// ```
///
/// The allowlists (client keys that may publish / subscribe) are kept by the group owner or
/// the foundation.
enum MulticastGroupProgram {
    /// Creates a pending group with the next account index and a unique code (foundation).
    static func createMulticastGroup(_ args: CreateMulticastGroupArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireFoundation("create_multicast_group")
        try context.requireUniqueCode(args.code, among: .multicastGroup)
        try requireOwnerSet(args.owner)
        let index = try context.nextAccountIndex()
        let group = MulticastGroup(
            pubkey: EntitySeed.multicastGroup(index: index).publicKey, owner: args.owner, index: index,
            code: args.code, maxBandwidth: args.maxBandwidth)
        try context.write(.multicastGroup(group))
    }

    /// Changes a group's code (kept unique), maximum bandwidth and owner (foundation).
    static func updateMulticastGroup(_ args: UpdateMulticastGroupArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireFoundation("update_multicast_group")
        var group = try context.multicastGroup(args.pubkey)
        if let code = args.code {
            try context.requireUniqueCode(code, among: .multicastGroup, except: group.pubkey)
            group.code = code
        }
        if let maxBandwidth = args.maxBandwidth { group.maxBandwidth = maxBandwidth }
        if let owner = args.owner {
            try requireOwnerSet(owner)
            group.owner = owner
        }
        try context.write(.multicastGroup(group))
    }

    /// Suspends an activated group (foundation): no roles can be granted until it is reactivated.
    static func suspendMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("suspend_multicast_group")
        try move(args.pubkey, from: [.activated], to: .suspended, for: "suspend_multicast_group", in: &context)
    }

    /// Reactivates a suspended group (foundation).
    static func reactivateMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("reactivate_multicast_group")
        try move(args.pubkey, from: [.suspended], to: .activated, for: "reactivate_multicast_group", in: &context)
    }

    /// Marks a group without publishers or subscribers (`MulticastGroupNotEmpty`) for deletion
    /// (foundation); a pending group must first be activated or rejected.
    static func deleteMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("delete_multicast_group")
        let group = try context.multicastGroup(args.pubkey)
        guard group.publisherCount == 0 && group.subscriberCount == 0 else {
            throw ProgramError(
                .multicastGroupNotEmpty,
                "multicast group \(group.code) still has \(group.publisherCount) publisher(s) and \(group.subscriberCount) subscriber(s)",
                field: "pubkey")
        }
        try move(
            args.pubkey, from: [.activated, .suspended, .rejected], to: .deleting, for: "delete_multicast_group",
            in: &context)
    }

    /// Activates a pending group with the activator's address (activator): it must lie inside
    /// the multicast group block (`InvalidMulticastIp`) and be unused by every other group
    /// (`AllocationFailed`).
    static func activateMulticastGroup(_ args: ActivateMulticastGroupArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireActivator("activate_multicast_group")
        var group = try context.multicastGroup(args.pubkey)
        try StatusRequirement.require(
            group.status, in: [.pending], "multicast group \(group.code)", for: "activate_multicast_group")
        let block = try context.globalConfig().multicastGroupBlock
        guard block.contains(args.multicastIp) else {
            throw ProgramError(
                .invalidMulticastIp,
                "multicast_ip \(args.multicastIp) for group \(group.code) is outside the multicast group block \(block)",
                field: "multicast_ip")
        }
        if let other = context.state.multicastGroups.values.first(where: {
            $0.pubkey != group.pubkey && $0.multicastIp == args.multicastIp
        }) {
            throw ProgramError(
                .allocationFailed, "multicast_ip \(args.multicastIp) is already used by multicast group \(other.code)",
                field: "multicast_ip")
        }
        group.multicastIp = args.multicastIp
        group.status = .activated
        try context.write(.multicastGroup(group))
    }

    /// Rejects a pending group with a reason (activator).
    static func rejectMulticastGroup(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("reject_multicast_group")
        var group = try context.multicastGroup(args.pubkey)
        try RejectReason.validate(args.reason, for: "multicast group \(group.code)")
        try StatusRequirement.require(
            group.status, in: [.pending], "multicast group \(group.code)", for: "reject_multicast_group")
        group.status = .rejected
        group.rejectReason = args.reason
        try context.write(.multicastGroup(group))
    }

    /// Removes a deleting group (activator), which frees its address.
    static func closeMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireActivator("close_multicast_group")
        let group = try context.multicastGroup(args.pubkey)
        try StatusRequirement.require(
            group.status, in: [.deleting], "multicast group \(group.code)", for: "close_multicast_group")
        context.delete(EntityRef(kind: .multicastGroup, pubkey: group.pubkey))
    }

    /// Adds a client key to the publisher allowlist (group owner or foundation).
    static func addMulticastGroupPublisher(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try editAllowlist(\.publisherAllowlist, "publisher", adding: true, args, in: &context)
    }

    /// Removes a client key from the publisher allowlist (group owner or foundation).
    static func removeMulticastGroupPublisher(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try editAllowlist(\.publisherAllowlist, "publisher", adding: false, args, in: &context)
    }

    /// Adds a client key to the subscriber allowlist (group owner or foundation).
    static func addMulticastGroupSubscriber(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try editAllowlist(\.subscriberAllowlist, "subscriber", adding: true, args, in: &context)
    }

    /// Removes a client key from the subscriber allowlist (group owner or foundation).
    static func removeMulticastGroupSubscriber(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try editAllowlist(\.subscriberAllowlist, "subscriber", adding: false, args, in: &context)
    }

    /// Adds `args.userPayer` to, or removes it from, one allowlist: a duplicate add or the
    /// removal of an absent key is `InvalidArgument`. Removal does not take roles already
    /// granted away.
    private static func editAllowlist(
        _ list: WritableKeyPath<MulticastGroup, [PublicKey]>, _ role: String, adding: Bool,
        _ args: MulticastAllowlistArgs, in context: inout ExecutionContext
    ) throws(ProgramError) {
        var group = try context.multicastGroup(args.group)
        try context.requireOwnerOrFoundation(
            of: group, "\(adding ? "add" : "remove")_multicast_group_\(role)")
        let listed = group[keyPath: list].contains(args.userPayer)
        if adding {
            guard !args.userPayer.isZero else {
                throw ProgramError(.invalidArgument, "user_payer must be set", field: "user_payer")
            }
            guard !listed else {
                throw ProgramError(
                    .invalidArgument,
                    "\(args.userPayer) is already on the \(role) allowlist of multicast group \(group.code)",
                    field: "user_payer")
            }
            group[keyPath: list].append(args.userPayer)
        } else {
            guard listed else {
                throw ProgramError(
                    .invalidArgument,
                    "\(args.userPayer) is not on the \(role) allowlist of multicast group \(group.code)",
                    field: "user_payer")
            }
            group[keyPath: list].removeAll { $0 == args.userPayer }
        }
        try context.write(.multicastGroup(group))
    }

    private static func move(
        _ key: PublicKey, from allowed: [MulticastGroupStatus], to status: MulticastGroupStatus, for action: String,
        in context: inout ExecutionContext
    ) throws(ProgramError) {
        var group = try context.multicastGroup(key)
        try StatusRequirement.require(group.status, in: allowed, "multicast group \(group.code)", for: action)
        group.status = status
        try context.write(.multicastGroup(group))
    }

    private static func requireOwnerSet(_ owner: PublicKey) throws(ProgramError) {
        guard !owner.isZero else {
            throw ProgramError(.invalidArgument, "a multicast group needs an owner", field: "owner")
        }
    }
}
