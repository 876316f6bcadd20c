import Ledger
import Models

/// Access passes, users (unicast and multicast, with the activator's allocation) and multicast
/// groups with their allowlists.
extension RandomTransactionGenerator {
    /// The client host addresses passes and users are made for.
    static let clientAddresses: [IPv4Address] = [
        TestAddresses.client, TestAddresses.otherClient, "185.1.1.12", "185.1.1.13", "185.1.1.14",
    ]

    // MARK: - Access passes

    /// An access pass instruction: mostly setting one, sometimes closing one.
    mutating func accessPassStep() -> PlannedStep {
        oneOf([(5, { $0.setAccessPass() }), (1, { $0.closeAccessPass() })] as [WeightedPlan])
    }

    /// Sets a pass for `client` (a random client key by default), exact or dynamic, of various
    /// types and epochs, signed by a foundation key or the sentinel; some are refused (validator
    /// pass without its key, epoch in the past, private IP, unnamed "others" pass, zero payer).
    mutating func setAccessPass(for client: Keypair? = nil) -> PlannedStep {
        let epoch = state.globalState?.epoch ?? 0
        var args = SetAccessPassArgs(
            clientIp: chance(85) ? element(Self.clientAddresses) : .unspecified,
            userPayer: (client ?? element(keys.clients)).publicKey)
        switch pick(10) {
        case 0:
            args.accessPassType = .solanaValidator
            args.typeKey = anyKey()
        case 1:
            args.accessPassType = .others
            args.typeName = "partner"
        case 2: args.lastAccessEpoch = epoch + 3
        case 3: args.lastAccessEpoch = 0  // multicast only
        case 4: args.allowMultipleIp = true
        default: break
        }
        if chance(15) {
            switch pick(5) {
            case 0: args.accessPassType = .solanaRPC
            case 1: args.lastAccessEpoch = epoch > 1 ? epoch - 1 : 0
            case 2: args.clientIp = "10.1.1.1"
            case 3: args.accessPassType = .others
            default: args.userPayer = .zero
            }
        }
        return PlannedStep(.setAccessPass(args), by: chance(70) ? foundationSigner : sentinelSigner)
    }

    /// Closes a pass, mostly one without connected users.
    mutating func closeAccessPass() -> PlannedStep {
        let args: AccessPassKeyArgs
        if let pass = choose(sortedByKey(state.accessPasses), preferring: { $0.connectionCount == 0 }), chance(95) {
            args = AccessPassKeyArgs(
                clientIp: Self.isDynamic(pass) ? .unspecified : pass.clientIp, userPayer: pass.userPayer)
        } else {
            args = AccessPassKeyArgs(clientIp: element(Self.clientAddresses), userPayer: anyKey())
        }
        return PlannedStep(.closeAccessPass(args), by: chance(70) ? foundationSigner : sentinelSigner)
    }

    // MARK: - Users

    /// A user instruction, weighted towards what the users' statuses make possible.
    mutating func userStep() -> PlannedStep {
        let statuses = Set(state.users.values.map(\.status))
        let options: [WeightedPlan] = [
            (8, { $0.createUser() }),
            (5, { $0.createSubscribeUser() }),
            (Self.weight(10, ifAny: [.pending], in: statuses), { $0.activateUser() }),
            (Self.weight(2, ifAny: [.pending], in: statuses), { $0.rejectUser(random: true) }),
            (4, { $0.updateMulticastRoles() }),
            (Self.weight(3, ifAny: [.activated, .rejected, .suspended, .banned], in: statuses), { $0.deleteUser() }),
            (Self.weight(1, ifAny: [.activated, .suspended], in: statuses), { $0.banUser() }),
            (Self.weight(4, ifAny: [.deleting], in: statuses), { $0.closeUser() }),
        ]
        return oneOf(options)
    }

    /// A client key holding a pass and an address the pass admits, preferring passes that admit
    /// users of `type` and addresses without a user of `type`'s family and not reserved by
    /// another key's exact pass; nil without passes, and mostly nil when every address is taken
    /// (the caller then grants another pass).
    mutating func admittedClient(for type: UserType, among clients: [Keypair]? = nil) -> (Keypair, IPv4Address)? {
        let payers = Set((clients ?? keys.clients).map(\.publicKey))
        let epoch = state.globalState?.epoch ?? 0
        let taken = Set(state.users.values.filter { $0.userType.isUnicast == type.isUnicast }.map(\.clientIp))
        let passes = sortedByKey(state.accessPasses).filter { payers.contains($0.userPayer) }
        let exactPasses = state.accessPasses.values.filter { !Self.isDynamic($0) }
        let free: (IPv4Address, PublicKey) -> Bool = { address, payer in
            let holders = exactPasses.filter { $0.clientIp == address }.map(\.userPayer)
            return !taken.contains(address) && (holders.isEmpty || holders.contains(payer))
        }
        guard
            let pass = choose(
                passes,
                preferring: { pass in
                    (!type.isEpochGated || pass.lastAccessEpoch >= epoch)
                        && Self.addresses(admittedBy: pass).contains { free($0, pass.userPayer) }
                }),
            let client = keys.keypair(for: pass.userPayer),
            let address = choose(Self.addresses(admittedBy: pass), preferring: { free($0, pass.userPayer) }),
            !taken.contains(address) || chance(25)
        else { return nil }
        return (client, address)
    }

    /// The client addresses `pass` admits: its own, or any for a dynamic pass (stored under
    /// 0.0.0.0) that is unbound or allows multiple IPs.
    static func addresses(admittedBy pass: AccessPass) -> [IPv4Address] {
        isDynamic(pass) && (pass.clientIp.isUnspecified || pass.allowMultipleIp) ? clientAddresses : [pass.clientIp]
    }

    /// Whether `pass` is stored under the dynamic key (0.0.0.0, user payer): it binds to the
    /// address of its first user, whatever its `client_ip` says meanwhile.
    static func isDynamic(_ pass: AccessPass) -> Bool {
        pass.pubkey == EntitySeed.accessPass(clientIp: .unspecified, userPayer: pass.userPayer).publicKey
    }

    /// A device for a new user of `type`: mostly an activated, non-transit one with a free slot;
    /// nil (most of the time) when there is none, so the caller prepares one instead.
    mutating func deviceForNewUser(of type: UserType) -> Device? {
        let devices = sortedByKey(state.devices)
        let admitting = devices.filter {
            $0.status == .activated && $0.deviceType != .transit && $0.hasFreeSlot(for: type)
        }
        guard !admitting.isEmpty || chance(10) else { return nil }
        return choose(devices) { admitting.contains($0) }
    }

    /// A tunnel endpoint on `device` for a new user from `clientIp`: 0.0.0.0 or one of the
    /// device's endpoints, preferring addresses no other tunnel of that client ends on.
    mutating func tunnelEndpoint(on device: Device, for clientIp: IPv4Address) -> IPv4Address {
        let used = Set(
            state.users.values.filter {
                $0.clientIp == clientIp && $0.device == device.pubkey && $0.status != .rejected
            }
            .map { $0.tunnelEndpoint.isUnspecified ? device.publicIp : $0.tunnelEndpoint })
        let endpoints = [IPv4Address.unspecified] + device.userTunnelEndpoints.dropFirst()
        return choose(endpoints) { !used.contains($0.isUnspecified ? device.publicIp : $0) } ?? .unspecified
    }

    /// Creates a unicast user for a client holding a pass; some are refused (private client IP,
    /// unknown device, unknown endpoint, a signer without a pass).
    mutating func createUser() -> PlannedStep {
        let type = element([UserType.ibrl, .ibrl, .ibrlWithAllocatedIP, .edgeFiltering])
        guard let (client, clientIp) = admittedClient(for: type) else { return setAccessPass() }
        guard let device = deviceForNewUser(of: type) else { return chance(50) ? activateDevice() : deviceStep() }
        var args = CreateUserArgs(
            userType: type, device: device.pubkey, clientIp: clientIp,
            tunnelEndpoint: tunnelEndpoint(on: device, for: clientIp))
        var signer = client
        if chance(15) {
            switch pick(4) {
            case 0: args.clientIp = "10.9.9.9"
            case 1: args.device = anyKey()
            case 2: args.tunnelEndpoint = "45.250.250.250"
            default: signer = keys.stranger
            }
        }
        return PlannedStep(.createUser(args), by: signer)
    }

    /// Creates a multicast user in an activated group whose allowlists name the client, with the
    /// roles they allow; some are refused (no role, a role not allowed, a group not activated).
    mutating func createSubscribeUser() -> PlannedStep {
        var options: [(group: MulticastGroup, client: Keypair)] = []
        for group in sortedByKey(state.multicastGroups) where group.status == .activated {
            for client in keys.clients
            where group.publisherAllowlist.contains(client.publicKey)
                || group.subscriberAllowlist.contains(client.publicKey)
            {
                options.append((group, client))
            }
        }
        guard !options.isEmpty else { return multicastGroupStep() }
        let (group, client) = element(options)
        guard let (_, clientIp) = admittedClient(for: .multicast, among: [client]) else {
            return setAccessPass(for: client)
        }
        guard let device = deviceForNewUser(of: .multicast) else { return chance(50) ? activateDevice() : deviceStep() }
        let canPublish = group.publisherAllowlist.contains(client.publicKey)
        let canSubscribe = group.subscriberAllowlist.contains(client.publicKey)
        var publisher = canPublish && (chance(50) || !canSubscribe)
        var subscriber = canSubscribe && (!publisher || chance(50))
        var groupKey = group.pubkey
        if chance(15) {
            switch pick(3) {
            case 0:
                publisher = false
                subscriber = false
            case 1:
                publisher = publisher || !canPublish
                subscriber = subscriber || !canSubscribe
            default: groupKey = targetKey(state.multicastGroups) { $0.status != .activated }
            }
        }
        let args = CreateSubscribeUserArgs(
            device: device.pubkey, clientIp: clientIp, tunnelEndpoint: tunnelEndpoint(on: device, for: clientIp),
            group: groupKey, publisher: publisher, subscriber: subscriber)
        return PlannedStep(.createSubscribeUser(args), by: client)
    }

    /// The activation the activator would send for `user` on `device` (built by
    /// ``UserTestbed/activation(_:slot:dzIp:endpoint:)`` with a free slot, or the tunnel the
    /// user keeps when it is re-activated), with the DZ IP its type needs.
    func activation(for user: User, on device: Device) -> ActivateUserArgs {
        var dzIp = user.clientIp
        if user.needsAllocatedDzIp {
            let pool =
                user.userType == .multicast ? state.globalConfig?.multicastPublisherBlocks ?? [] : device.dzPrefixes
            dzIp = state.freeDzIp(in: pool, except: user.pubkey) ?? user.clientIp
        }
        if user.tunnelId != 0 && !user.tunnelNet.isUnset {
            return ActivateUserArgs(
                pubkey: user.pubkey, tunnelId: user.tunnelId, tunnelNet: user.tunnelNet, dzIp: dzIp,
                tunnelEndpoint: user.tunnelEndpoint)
        }
        let slot = state.freeUserSlot(on: device.pubkey, except: user.pubkey) ?? 127
        guard
            case .activateUser(let args) = UserTestbed.activation(
                user.pubkey, slot: slot, dzIp: dzIp, endpoint: user.tunnelEndpoint)
        else { preconditionFailure("UserTestbed.activation builds an activate_user instruction") }
        return args
    }

    /// The activator activates a user (mostly a pending one) with a free allocation; some
    /// allocations are out of range, outside the pools or colliding.
    mutating func activateUser() -> PlannedStep {
        guard let user = choose(sortedByKey(state.users), preferring: { $0.status == .pending }),
            let device = state.devices[user.device]
        else { return createUser() }
        var args = activation(for: user, on: device)
        if chance(20) {
            let others = sortedByKey(state.users).filter { $0.pubkey != user.pubkey && $0.tunnelId != 0 }
            switch pick(5) {
            case 0: args.tunnelId = element([100, User.tunnelIdEnd])
            case 1: args.tunnelNet = element(["10.0.0.0/31", "169.254.0.1/31", "169.254.0.0/30"])
            case 2: args.dzIp = element(["8.8.8.8", "147.51.126.0", user.clientIp])
            case 3: args.tunnelEndpoint = "45.250.250.250"
            default:
                if let other = others.isEmpty ? nil : element(others) {
                    if other.device == user.device && chance(50) {
                        args.tunnelId = other.tunnelId
                    } else {
                        args.tunnelNet = other.tunnelNet
                    }
                }
            }
        }
        return PlannedStep(.activateUser(args), by: activatorSigner)
    }

    /// The activator rejects `key`, or (when `random`) mostly a pending user.
    mutating func rejectUser(_ key: PublicKey? = nil, random: Bool = false) -> PlannedStep {
        let target = key ?? targetKey(state.users) { $0.status == .pending }
        return PlannedStep(
            .rejectUser(RejectArgs(pubkey: target, reason: rejectReason(spoiled: random))), by: activatorSigner)
    }

    /// Sets a multicast user's roles in a group its owner is allowlisted in (or already has roles
    /// in); sometimes a unicast user or a role the allowlists do not allow, which are refused.
    mutating func updateMulticastRoles() -> PlannedStep {
        let users = sortedByKey(state.users)
        let multicastUsers = users.filter {
            $0.userType == .multicast && ($0.status == .pending || $0.status == .activated)
        }
        guard !multicastUsers.isEmpty || chance(10),
            let user = choose(users, preferring: { multicastUsers.contains($0) })
        else { return createSubscribeUser() }
        let member: (MulticastGroup) -> Bool = { group in
            let listed = group.publisherAllowlist.contains(user.owner) || group.subscriberAllowlist.contains(user.owner)
            return user.publishers.contains(group.pubkey) || user.subscribers.contains(group.pubkey)
                || (group.status == .activated && listed)
        }
        guard let group = choose(sortedByKey(state.multicastGroups), preferring: member) else {
            return multicastGroupStep()
        }
        let args = UpdateMulticastRolesArgs(
            user: user.pubkey, group: group.pubkey,
            publisher: group.publisherAllowlist.contains(user.owner) ? chance(50) : chance(10),
            subscriber: group.subscriberAllowlist.contains(user.owner) ? chance(60) : chance(10))
        return PlannedStep(.updateMulticastRoles(args), by: ownerOrFoundation(user.owner))
    }

    /// Deletes a user, mostly one whose status allows it.
    mutating func deleteUser() -> PlannedStep {
        let deletable: [UserStatus] = [.activated, .rejected, .suspended, .banned]
        guard let user = choose(sortedByKey(state.users), preferring: { deletable.contains($0.status) }) else {
            return createUser()
        }
        var step = deleteUser(user)
        if chance(15) { step.instructions = [step.instructions.last!] }  // without dropping its roles first
        return step
    }

    /// Drops every multicast role of `user`, then deletes it, in one transaction (its owner or
    /// a foundation key).
    mutating func deleteUser(_ user: User) -> PlannedStep {
        let groups = (user.publishers + user.subscribers).reduce(into: [PublicKey]()) { groups, group in
            if !groups.contains(group) { groups.append(group) }
        }
        let drops = groups.map {
            Instruction.updateMulticastRoles(
                UpdateMulticastRolesArgs(user: user.pubkey, group: $0, publisher: false, subscriber: false))
        }
        return PlannedStep(drops + [.deleteUser(PubkeyArgs(pubkey: user.pubkey))], by: ownerOrFoundation(user.owner))
    }

    /// Bans a user, mostly an activated or suspended one (a foundation key, sometimes its owner,
    /// who may not).
    mutating func banUser() -> PlannedStep {
        guard
            let user = choose(
                sortedByKey(state.users), preferring: { $0.status == .activated || $0.status == .suspended })
        else { return createUser() }
        let signer = chance(85) ? foundationSigner : keys.keypair(for: user.owner) ?? keys.stranger
        return PlannedStep(.requestBanUser(PubkeyArgs(pubkey: user.pubkey)), by: signer)
    }

    /// The activator closes `key`, or mostly a deleting user.
    mutating func closeUser(_ key: PublicKey? = nil) -> PlannedStep {
        let target = key ?? targetKey(state.users) { $0.status == .deleting }
        return PlannedStep(.closeUser(PubkeyArgs(pubkey: target)), by: activatorSigner)
    }

    // MARK: - Multicast groups

    /// A multicast group instruction, weighted towards what the groups' statuses make possible.
    mutating func multicastGroupStep() -> PlannedStep {
        let statuses = Set(state.multicastGroups.values.map(\.status))
        let options: [WeightedPlan] = [
            (state.multicastGroups.count < 4 ? 8 : 1, { $0.createMulticastGroup() }),
            (Self.weight(8, ifAny: [.pending], in: statuses), { $0.activateMulticastGroup() }),
            (Self.weight(1, ifAny: [.pending], in: statuses), { $0.rejectMulticastGroup() }),
            (2, { $0.updateMulticastGroup() }),
            (
                Self.weight(1, ifAny: [.activated], in: statuses),
                { $0.groupTransition(.activated) { .suspendMulticastGroup($0) } }
            ),
            (
                Self.weight(3, ifAny: [.suspended], in: statuses),
                { $0.groupTransition(.suspended) { .reactivateMulticastGroup($0) } }
            ),
            (Self.weight(2, ifAny: [.activated, .suspended, .rejected], in: statuses), { $0.deleteMulticastGroup() }),
            (
                Self.weight(4, ifAny: [.deleting], in: statuses),
                { $0.groupTransition(.deleting) { .closeMulticastGroup($0) } }
            ),
            (8, { $0.editMulticastAllowlist() }),
        ]
        return oneOf(options)
    }

    /// Creates a group (foundation) owned mostly by the group owner; some are refused (zero
    /// bandwidth, no owner, bad code).
    mutating func createMulticastGroup() -> PlannedStep {
        var args = CreateMulticastGroupArgs(
            code: "mg\(pick(30))", maxBandwidth: 1_000_000_000,
            owner: chance(80) ? keys.groupOwner.publicKey : element(keys.clients).publicKey)
        if chance(15) {
            switch pick(3) {
            case 0: args.maxBandwidth = 0
            case 1: args.owner = .zero
            default: args.code = "bad code"
            }
        }
        return PlannedStep(.createMulticastGroup(args), by: foundationSigner)
    }

    /// The activator activates a group (mostly a pending one) with a free address; some
    /// addresses are outside the block or taken.
    mutating func activateMulticastGroup() -> PlannedStep {
        let key = targetKey(state.multicastGroups) { $0.status == .pending }
        var address = state.freeMulticastGroupIp() ?? "233.84.178.255"
        if chance(20) {
            let used = sortedByKey(state.multicastGroups).map(\.multicastIp).filter { !$0.isUnspecified }
            address = chance(50) && !used.isEmpty ? element(used) : element(["239.1.1.1", "10.0.0.1"])
        }
        return PlannedStep(
            .activateMulticastGroup(ActivateMulticastGroupArgs(pubkey: key, multicastIp: address)), by: activatorSigner)
    }

    /// The activator rejects a group (mostly a pending one).
    mutating func rejectMulticastGroup() -> PlannedStep {
        let key = targetKey(state.multicastGroups) { $0.status == .pending }
        return PlannedStep(
            .rejectMulticastGroup(RejectArgs(pubkey: key, reason: rejectReason(spoiled: true))), by: activatorSigner)
    }

    /// Changes a group's code, bandwidth or owner (foundation); zero bandwidth is refused.
    mutating func updateMulticastGroup() -> PlannedStep {
        var args = UpdateMulticastGroupArgs(pubkey: targetKey(state.multicastGroups) { _ in true })
        switch pick(3) {
        case 0: args.code = "mg\(pick(30))"
        case 1: args.maxBandwidth = element([2_000_000_000, 0])
        default: args.owner = element([keys.groupOwner] + keys.clients).publicKey
        }
        return PlannedStep(.updateMulticastGroup(args), by: foundationSigner)
    }

    /// Applies a status transition (`instruction`, built from the group's key) to a group, mostly
    /// one in `status`: closing is the activator's, suspending and reactivating the foundation's.
    mutating func groupTransition(
        _ status: MulticastGroupStatus, _ instruction: (PubkeyArgs) -> Instruction
    ) -> PlannedStep {
        let built = instruction(PubkeyArgs(pubkey: targetKey(state.multicastGroups) { $0.status == status }))
        guard case .closeMulticastGroup = built else { return PlannedStep(built, by: foundationSigner) }
        return PlannedStep(built, by: activatorSigner)
    }

    /// Deletes a group (foundation), mostly an empty one whose status allows it.
    mutating func deleteMulticastGroup() -> PlannedStep {
        let deletable: [MulticastGroupStatus] = [.activated, .suspended, .rejected]
        let key = targetKey(state.multicastGroups) {
            deletable.contains($0.status) && $0.publisherCount == 0 && $0.subscriberCount == 0
        }
        return PlannedStep(.deleteMulticastGroup(PubkeyArgs(pubkey: key)), by: foundationSigner)
    }

    /// Adds a client key to a group's publisher or subscriber allowlist, or removes one that is
    /// listed (the group owner or a foundation key); sometimes a duplicate add or the removal of
    /// an absent key, which are refused.
    mutating func editMulticastAllowlist() -> PlannedStep {
        guard let group = choose(sortedByKey(state.multicastGroups), preferring: { $0.status != .deleting }) else {
            return createMulticastGroup()
        }
        let publisher = chance(50)
        let list = publisher ? group.publisherAllowlist : group.subscriberAllowlist
        let payer = element(keys.clients).publicKey
        let adding = list.contains(payer) == chance(15)
        let args = MulticastAllowlistArgs(group: group.pubkey, userPayer: payer)
        let instruction: Instruction =
            switch (publisher, adding) {
            case (true, true): .addMulticastGroupPublisher(args)
            case (true, false): .removeMulticastGroupPublisher(args)
            case (false, true): .addMulticastGroupSubscriber(args)
            case (false, false): .removeMulticastGroupSubscriber(args)
            }
        return PlannedStep(instruction, by: ownerOrFoundation(group.owner))
    }
}
