import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero multicast subscribe|unsubscribe|publish|unpublish GROUP…`: change this host's
/// multicast roles in place, on the tunnel it already has.
struct MulticastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multicast",
        abstract: "Change this host's multicast roles in place: subscribe, unsubscribe, publish, unpublish.",
        discussion: """
            Each verb takes one or more groups (codes or public keys) and changes the roles of this host's \
            multicast user (doublezero1) in one transaction; doublezerod applies the new groups on the \
            running tunnel — joins and prunes, heartbeats — without rebuilding it. The host must already \
            have a multicast tunnel (`doublezero connect multicast`); the ledger refuses a group whose \
            allowlist does not hold your key.
            """,
        subcommands: [Subscribe.self, Unsubscribe.self, Publish.self, Unpublish.self]
    )

    /// `multicast subscribe GROUP…`.
    struct Subscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe to groups on the multicast tunnel.")
        @OptionGroup var change: MulticastRoleOptions
        func run() async throws { try await change.run(.subscribe) }
    }

    /// `multicast unsubscribe GROUP…`.
    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave groups (the device gets a prune at once).")
        @OptionGroup var change: MulticastRoleOptions
        func run() async throws { try await change.run(.unsubscribe) }
    }

    /// `multicast publish GROUP…`.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish to groups on the multicast tunnel.")
        @OptionGroup var change: MulticastRoleOptions
        func run() async throws { try await change.run(.publish) }
    }

    /// `multicast unpublish GROUP…`.
    struct Unpublish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop publishing to groups.")
        @OptionGroup var change: MulticastRoleOptions
        func run() async throws { try await change.run(.unpublish) }
    }
}

/// The groups and connection options every `doublezero multicast` verb takes, and the change itself.
struct MulticastRoleOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The groups (codes or public keys).", valueName: "group"))
    var groups: [String]

    @OptionGroup var connection: ConnectionOptions

    /// Applies `change` to every named group of this host's multicast user.
    func run(_ change: MulticastRoleChange) async throws {
        let progress = ProgressLine()
        defer { progress.finish() }
        do {
            let context = try await ConnectionContext.open(connection, progress: progress) { _ in
                "⚡  Changing multicast roles..."
            }
            let known = try await context.session.records(MulticastGroup.self)
            let named = try MulticastGroupRequest(publish: [], subscribe: groups, known: known).subscribe
            guard
                let user = try await context.hostUsers().first(where: {
                    $0.userType == .multicast && $0.owner == context.payer
                })
            else {
                throw CommandFailure(
                    "this host has no multicast tunnel of yours; connect one first: doublezero connect multicast "
                        + (change == .publish ? "--publish " : "--subscribe ") + groups.joined(separator: " "))
            }
            var updates: [Instruction] = []
            for group in named {
                let before = (user.publishers.contains(group.pubkey), user.subscribers.contains(group.pubkey))
                let after = change.apply(publisher: before.0, subscriber: before.1)
                guard after != before else { continue }
                updates.append(
                    .updateMulticastRoles(
                        UpdateMulticastRolesArgs(
                            user: user.pubkey, group: group.pubkey, publisher: after.publisher,
                            subscriber: after.subscriber)))
            }
            guard !updates.isEmpty else {
                progress.finish()
                progress.say("ℹ️  Nothing to change: every group already has that role.")
                return
            }
            try await context.submit(updates)
            progress.finish()
            progress.say("✅  \(change.pastTense) \(named.map(\.code).joined(separator: ", "))")
        } catch {
            progress.finish()
            throw error.commandFailure
        }
    }
}
