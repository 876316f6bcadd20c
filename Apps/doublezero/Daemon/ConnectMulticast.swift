import ArgumentParser
import CommandLineSupport
import DaemonService
import Models
import Probe

/// `doublezero connect multicast`: the multicast tunnel.
struct ConnectMulticast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multicast",
        abstract: "Connect for multicast: tunnel doublezero1, publish to and/or subscribe to groups.",
        discussion: """
            Forms: `connect multicast --publish G --subscribe H` (repeatable), the legacy \
            `connect multicast publisher|subscriber G…`, or no groups at all: then every group whose \
            publisher or subscriber allowlist holds your key is joined in that role.

            If the host has no multicast user yet, one is created (on another tunnel endpoint than the \
            host's unicast tunnel: the same device when it has one free, else a device within 5 ms — RFC \
            13) with all the groups' roles in one transaction, and the ledger is followed until the \
            activator activates it. If it has one, the roles it lacks are added. Then doublezerod's \
            reconciler is enabled and the tunnel awaited as for `connect ibrl`. A host may hold a unicast \
            (doublezero0) and a multicast (doublezero1) tunnel at the same time.
            """
    )

    /// Legacy form: `publisher|subscriber GROUP…`.
    @Argument(
        help: ArgumentHelp(
            "Legacy form: `publisher` or `subscriber`, then the groups (codes or pubkeys).",
            valueName: "publisher|subscriber group"))
    var legacy: [String] = []

    /// Socket, ledger, key, verbosity.
    @OptionGroup var connection: ConnectionOptions

    /// Groups to publish to.
    @Option(name: .long, help: ArgumentHelp("A group to publish to (repeatable).", valueName: "group"))
    var publish: [String] = []

    /// Groups to subscribe to.
    @Option(name: .long, help: ArgumentHelp("A group to subscribe to (repeatable).", valueName: "group"))
    var subscribe: [String] = []

    /// Feeds to join (edge-seat passes; not built yet).
    @Option(name: .long, help: ArgumentHelp("A feed to subscribe to (not built yet).", valueName: "feed"))
    var subscribeFeed: [String] = []

    /// Feeds to leave (not built yet).
    @Option(name: .long, help: ArgumentHelp("A feed to leave (not built yet).", valueName: "feed"))
    var unsubscribeFeed: [String] = []

    /// A device chosen by hand.
    @Option(name: .long, help: ArgumentHelp("Connect to this device instead of the closest one.", valueName: "code"))
    var device: String?

    /// Checks the forms are not mixed and the legacy form is complete.
    func validate() throws {
        let feeds = !subscribeFeed.isEmpty || !unsubscribeFeed.isEmpty
        let flags = !publish.isEmpty || !subscribe.isEmpty
        if feeds && (flags || !legacy.isEmpty) {
            throw ValidationError("--subscribe-feed/--unsubscribe-feed cannot be mixed with groups.")
        }
        if flags && !legacy.isEmpty {
            throw ValidationError(
                "give groups either as `publisher|subscriber GROUP…` or with --publish/--subscribe, not both.")
        }
        if let first = legacy.first {
            guard LegacyMulticastRole(rawValue: first) != nil else {
                throw ValidationError("'\(first)' is not a role: say `publisher` or `subscriber` before the groups.")
            }
            guard legacy.count > 1 else { throw ValidationError("name at least one group after `\(first)`.") }
        }
    }

    /// The groups named on the command line: `--publish`/`--subscribe`, or the legacy form.
    private var namedGroups: (publish: [String], subscribe: [String]) {
        guard let first = legacy.first, let role = LegacyMulticastRole(rawValue: first) else {
            return (publish, subscribe)
        }
        let groups = Array(legacy.dropFirst())
        return role == .publisher ? (groups, []) : ([], groups)
    }

    /// Connects (see the discussion).
    func run() async throws {
        if !subscribeFeed.isEmpty || !unsubscribeFeed.isEmpty {
            throw NotBuiltYet(feature: "doublezero connect multicast --subscribe-feed (feeds)", issue: .notYetScheduled)
        }
        let progress = ProgressLine()
        defer { progress.finish() }
        do {
            let context = try await ConnectionContext.open(connection, progress: progress) {
                "⚡  Connecting to \($0)..."
            }
            try await connect(context)
        } catch {
            progress.finish()
            throw error.commandFailure
        }
    }

    /// Upstream's multicast flow (client.md §4.3 `connect`, step 9).
    private func connect(_ context: ConnectionContext) async throws {
        let progress = context.progress
        _ = try await context.requireAccessPass(for: .multicast)
        progress.say("    DoubleZero ID: \(context.payer)")
        progress.say("⚡  Provisioning for IP: \(context.clientIP)")
        let known = try await context.session.records(MulticastGroup.self)
        let named = namedGroups
        let request: MulticastGroupRequest
        if named.publish.isEmpty && named.subscribe.isEmpty {
            request = MulticastGroupRequest(allowedFor: context.payer, known: known)
            if !request.publish.isEmpty {
                progress.say(
                    "    Publishing to (from AccessPass): \(request.publish.map(\.code).joined(separator: ", "))")
            }
            if !request.subscribe.isEmpty {
                progress.say(
                    "    Subscribing to (from AccessPass): \(request.subscribe.map(\.code).joined(separator: ", "))")
            }
            guard !request.isEmpty else {
                progress.finish()
                progress.say("ℹ️  The AccessPass has no authorized multicast groups; nothing to connect to.")
                return
            }
        } else {
            request = try MulticastGroupRequest(publish: named.publish, subscribe: named.subscribe, known: known)
        }
        let users = try await context.hostUsers()
        if let existing = users.first(where: { $0.userType == .multicast && $0.owner == context.payer }) {
            try await context.reuse(existing)
            try await addMissingRoles(request, to: existing, context: context)
        } else {
            try await createUser(request, users: users, context: context)
        }
        try await context.enableAndAwaitService(.multicast)
        progress.finish()
        progress.say("✅  User Provisioned")
    }

    /// Case (b): the roles `existing` lacks, in one transaction.
    private func addMissingRoles(
        _ request: MulticastGroupRequest, to existing: User, context: ConnectionContext
    ) async throws {
        let updates: [Instruction] = request.groups.compactMap { group in
            let publisher = existing.publishers.contains(group.pubkey) || request.publishes(group.pubkey)
            let subscriber = existing.subscribers.contains(group.pubkey) || request.subscribes(group.pubkey)
            guard
                publisher != existing.publishers.contains(group.pubkey)
                    || subscriber != existing.subscribers.contains(group.pubkey)
            else { return nil }
            return .updateMulticastRoles(
                UpdateMulticastRolesArgs(
                    user: existing.pubkey, group: group.pubkey, publisher: publisher, subscriber: subscriber))
        }
        guard !updates.isEmpty else {
            context.progress.step("the account already holds every requested role")
            return
        }
        try await context.submit(updates)
        context.progress.say("    Roles added: \(request.rolesText)")
    }

    /// Cases (a) and (c): a new multicast user with every role, next to the unicast tunnel if any.
    private func createUser(_ request: MulticastGroupRequest, users: [User], context: ConnectionContext) async throws {
        let progress = context.progress
        let unicast = users.first { $0.userType.isUnicast && $0.tunnelId != 0 }
        if let unicast {
            progress.say("    Creating separate Multicast user for concurrent tunnels (IBRL user: \(unicast.pubkey))")
        } else {
            progress.say("    Creating account for IP: \(context.clientIP)")
        }
        let placement = try await context.choosePlacement(
            for: .multicast, deviceCode: device,
            current: unicast.map { CurrentTunnel(device: $0.device, endpoint: $0.tunnelEndpoint) })
        progress.say("    Device selected: \(placement.device.code)")
        progress.step(placement.summary)
        try ConnectionContext.checkEligible(placement.device, for: .multicast)
        let user = EntitySeed.user(clientIp: context.clientIP, userType: .multicast).publicKey
        let groups = request.groups
        let first = groups[0]
        let create = Instruction.createSubscribeUser(
            CreateSubscribeUserArgs(
                device: placement.device.pubkey, cyoaType: .greOverDIA, clientIp: context.clientIP,
                tunnelEndpoint: placement.endpoint, group: first.pubkey, publisher: request.publishes(first.pubkey),
                subscriber: request.subscribes(first.pubkey)))
        let more = groups.dropFirst().map { group in
            Instruction.updateMulticastRoles(
                UpdateMulticastRolesArgs(
                    user: user, group: group.pubkey, publisher: request.publishes(group.pubkey),
                    subscriber: request.subscribes(group.pubkey)))
        }
        try await context.submit([create] + more)
        try await context.awaitActivation(of: user)
    }
}
