import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero global-config get`: prints the global config.
struct GetGlobalConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print the global config.",
        discussion: """
            Prints local_asn, remote_asn, device_tunnel_block, user_tunnel_block, multicastgroup_block, \
            multicast_publisher_blocks, next_bgp_community and max_interfaces_per_device (the limit in \
            force) as `key | value` lines, or JSON with --json.
            """
    )

    /// The lines of the table form.
    static var columns: [TableColumn<GlobalConfig>] {
        [
            .init("local_asn") { "\($0.localAsn)" },
            .init("remote_asn") { "\($0.remoteAsn)" },
            .init("device_tunnel_block") { $0.deviceTunnelBlock.description },
            .init("user_tunnel_block") { $0.userTunnelBlock.description },
            .init("multicastgroup_block") { $0.multicastGroupBlock.description },
            .init("multicast_publisher_blocks") { IPv4PrefixList($0.multicastPublisherBlocks).description },
            .init("next_bgp_community") { "\($0.nextBgpCommunity)" },
            .init("max_interfaces_per_device") { "\($0.interfaceLimit)" },
        ]
    }

    /// Key/value lines or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Reads the config and prints it.
    func run() async throws {
        let config = try await LedgerSession(ledger: ledger, keypair: keypair).requireGlobalConfig()
        print(
            try RecordOutput.detail(config, columns: Self.columns, json: config, format: output.format), terminator: "")
    }
}
