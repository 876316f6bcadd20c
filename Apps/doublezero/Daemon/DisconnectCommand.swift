import ArgumentParser
import CommandLineSupport
import DaemonService
import Models

/// `doublezero disconnect`: removes this host's tunnels.
struct DisconnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disconnect",
        abstract: "Disconnect this host: delete its user accounts and let doublezerod remove the tunnels.",
        discussion: """
            Deletes every user account of this host's IP that your key owns (only the unicast one with \
            `ibrl`, only the multicast one with `multicast`; a multicast user's group roles are dropped in \
            the same transaction), follows the ledger until the activator has closed each, then waits (up \
            to 60 s, answered as soon as doublezerod's status changes) for doublezerod to remove the \
            tunnels, unless --no-wait is given. Users of this IP owned by another key are left alone, with \
            a warning. The reconciler stays enabled.
            """
    )

    /// Which tunnel to remove; nil means all.
    @Argument(help: ArgumentHelp("Only this tunnel. (default: all of this host's tunnels)", valueName: "mode"))
    var mode: ConnectionModeChoice?

    /// Socket, ledger, key, verbosity.
    @OptionGroup var connection: ConnectionOptions

    /// A device filter, as upstream (accepted; every device's users of this host are removed).
    @Option(name: .long, help: .hidden)
    var device: String?

    /// Return once the accounts are deleted.
    @Flag(name: .long, help: "Return once the accounts are deleted, without waiting for the tunnels to go.")
    var noWait = false

    /// Disconnects (see the discussion).
    func run() async throws {
        let progress = ProgressLine()
        defer { progress.finish() }
        do {
            let context = try await ConnectionContext.open(connection, progress: progress) { _ in "⚡  Disconnecting..."
            }
            try await disconnect(context)
        } catch {
            progress.finish()
            throw error.commandFailure
        }
    }

    /// The classes of tunnel this run removes.
    private var classes: Set<ServiceClass> {
        switch mode {
        case .ibrl: [.unicast]
        case .multicast: [.multicast]
        case nil: [.unicast, .multicast]
        }
    }

    /// Upstream's flow (client.md §4.3 `disconnect`).
    private func disconnect(_ context: ConnectionContext) async throws {
        let progress = context.progress
        progress.say("    Client IP: \(context.clientIP)")
        let users = try await context.hostUsers().filter { classes.contains(ServiceClass($0.userType)) }
        var failures: [String] = []
        for user in users {
            guard user.owner == context.payer else {
                progress.warn(
                    "⚠️  User \(user.pubkey) is managed by an external service (owner: \(user.owner)); it is left alone."
                )
                continue
            }
            progress.say("⚡  Removing account: \(user.pubkey)")
            let dropRoles = Set(user.publishers + user.subscribers).sorted().map { group in
                Instruction.updateMulticastRoles(
                    UpdateMulticastRolesArgs(user: user.pubkey, group: group, publisher: false, subscriber: false))
            }
            do {
                try await context.submit(dropRoles + [.deleteUser(PubkeyArgs(pubkey: user.pubkey))])
            } catch {
                progress.say("❌  Failed to remove account: \(error.commandFailure)")
                failures.append("\(user.pubkey)")
                continue
            }
            progress.say("    Account deletion submitted")
            try await context.awaitDeletion(of: user.pubkey)
        }
        if users.isEmpty { progress.step("no account of this host to remove") }
        if noWait {
            progress.say("    Tunnel teardown pending: doublezerod removes the tunnel once it sees the deletion")
        } else {
            try await context.awaitRemoval(of: classes)
        }
        guard failures.isEmpty else {
            throw CommandFailure("failed to remove \(failures.count) account(s): \(failures.joined(separator: ", "))")
        }
        progress.finish()
        progress.say("✅  Deprovisioning Complete")
    }
}
