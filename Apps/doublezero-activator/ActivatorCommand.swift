import ArgumentParser
import CommandLineSupport

/// `doublezero-activator`: allocates resources for new ledger entities and activates them.
@main
struct ActivatorCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezero-activator",
        abstract: "Allocate IPs and IDs for pending ledger entities and activate them.",
        discussion: """
            New devices, links, users and multicast groups enter the ledger as Pending. The activator \
            follows the ledger log, allocates what each one needs from the right pool with the Allocator \
            library (device tunnel /31s and loopbacks, user tunnel /31s and IDs, DoubleZero IPs from a \
            device's dz_prefixes or the global multicast publisher pool, multicast group addresses) and \
            submits Activate, or Reject with a reason. When an entity is deleted it releases the \
            resources and closes the account.

            The ledger re-checks every allocation (right pool, no collision with anything active), so a \
            buggy activator cannot corrupt state. Its key must be the ledger's activator authority.

            \(ExitCode.summary)
            """,
        subcommands: [RunActivator.self]
    )
}
