import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero user subscribe`: sets a multicast user's publisher and subscriber roles in one group.
struct SubscribeUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Set a multicast user's roles in a group (user owner or foundation).",
        discussion: """
            The roles given become the user's roles in the group; a role not given stays as it is. \
            Example: `user subscribe --pubkey K --group mg01 --subscriber --no-publisher`. Granting a role \
            needs the user's owner on the group's allowlist for it. A user must drop every role before it \
            can be deleted.
            """)

    /// The multicast user.
    @OptionGroup var account: PubkeySelector

    /// The group.
    @Option(name: .long, help: ArgumentHelp("The multicast group (code or pubkey).", valueName: "group"))
    var group: String

    /// Whether the user publishes to the group.
    @Flag(name: .long, inversion: .prefixedNo, help: "Publish to the group (or stop).")
    var publisher: Bool?

    /// Whether the user subscribes to the group.
    @Flag(name: .long, inversion: .prefixedNo, help: "Subscribe to the group (or stop).")
    var subscriber: Bool?

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The user owner's (or a foundation member's) key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Rejects a call that sets no role.
    func validate() throws {
        if publisher == nil && subscriber == nil {
            throw ValidationError("give --publisher, --no-publisher, --subscriber or --no-subscriber.")
        }
    }

    /// Submits UpdateMulticastRoles with the roles not given kept.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(to: User.self, selectedBy: account, format: output.format) { user in
            let groupKey = try await session.key(of: MulticastGroup.self, reference: group)
            let args = UpdateMulticastRolesArgs(
                user: user.pubkey, group: groupKey, publisher: publisher ?? user.publishers.contains(groupKey),
                subscriber: subscriber ?? user.subscribers.contains(groupKey))
            return [.updateMulticastRoles(args)]
        }
    }
}
