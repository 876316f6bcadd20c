import ArgumentParser
import CommandLineSupport

/// `doublezero global-config get`: prints the global config.
struct GetGlobalConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print the global config.",
        discussion: """
            Prints local_asn, remote_asn, device_tunnel_block, user_tunnel_block, multicast_group_block, \
            multicast_publisher_block and next_bgp_community as `key | value` lines, or JSON with --json.
            """
    )

    /// Key/value lines or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: LedgerOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero global-config get", issue: .ledger)
    }
}
