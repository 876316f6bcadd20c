import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// `doublezero global-config set`: changes global settings (foundation members only).
struct SetGlobalConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change global settings (foundation members only).",
        discussion: """
            Only the settings given change; the others keep their current values. The first set (on a \
            ledger without a config) needs the ASNs and the three blocks. Example: global-config set \
            --local-asn 65000 --remote-asn 65342 --device-tunnel-block 172.16.0.0/16 \
            --user-tunnel-block 169.254.0.0/16 --multicastgroup-block 233.84.178.0/24
            """
    )

    /// ASN of the client side of user BGP sessions.
    @Option(
        name: .long, help: ArgumentHelp("ASN of the client (doublezerod) side of user BGP sessions.", valueName: "asn"))
    var localAsn: UInt32?

    /// ASN of the devices as seen by clients.
    @Option(name: .long, help: ArgumentHelp("ASN of the devices as seen by clients.", valueName: "asn"))
    var remoteAsn: UInt32?

    /// Pool for link /31s and loopbacks.
    @Option(
        name: .long,
        help: ArgumentHelp("Pool for link /31s and loopbacks (RFC 1918; set once).", valueName: "prefix"))
    var deviceTunnelBlock: IPv4Prefix?

    /// Pool for user tunnel /31s.
    @Option(
        name: .long, help: ArgumentHelp("Pool for user tunnel /31s (in 169.254.0.0/16; set once).", valueName: "prefix")
    )
    var userTunnelBlock: IPv4Prefix?

    /// Pool for multicast group addresses.
    @Option(name: .long, help: ArgumentHelp("Pool for multicast group addresses (set once).", valueName: "prefix"))
    var multicastgroupBlock: IPv4Prefix?

    /// Pools for multicast publishers' DoubleZero IPs, added to the current ones.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Add a pool for multicast publishers' DoubleZero IPs (repeatable; default 147.51.126.0/23; pools are never removed).",
            valueName: "prefix"))
    var multicastPublisherBlock: [IPv4Prefix] = []

    /// Next exchange BGP community.
    @Option(
        name: .long, help: ArgumentHelp("Community the next new exchange gets (10000–10999).", valueName: "community"))
    var nextBgpCommunity: UInt16?

    /// The most interfaces one device may have.
    @Option(
        name: .long,
        help: ArgumentHelp("The most interfaces one device may have (at least 1; 128 until set).", valueName: "count"))
    var maxInterfacesPerDevice: UInt16?

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Rejects an empty change and out-of-range values (Models' rules).
    func validate() throws {
        let given: [Any?] = [
            localAsn, remoteAsn, deviceTunnelBlock, userTunnelBlock, multicastgroupBlock, nextBgpCommunity,
            maxInterfacesPerDevice,
        ]
        guard given.contains(where: { $0 != nil }) || !multicastPublisherBlock.isEmpty else {
            throw ValidationError("give at least one setting to change (see --help).")
        }
        for (flag, asn) in [("--local-asn", localAsn), ("--remote-asn", remoteAsn)] {
            if let asn, !GlobalConfig.asnRange.contains(asn) {
                throw ValidationError(
                    "\(flag) must be between \(GlobalConfig.asnRange.lowerBound) and \(GlobalConfig.asnRange.upperBound) (got \(asn))."
                )
            }
        }
        if maxInterfacesPerDevice == 0 {
            throw ValidationError("--max-interfaces-per-device must be at least 1.")
        }
        if let nextBgpCommunity {
            try ProgramError.checkingUsage(flag: "--next-bgp-community") { () throws(ProgramError) in
                try Exchange.validateBgpCommunity(nextBgpCommunity)
            }
        }
    }

    /// Submits SetGlobalConfig with the settings not given taken from the current config.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let args = try merged(with: try await session.globalConfig())
        try await session.submit([.setGlobalConfig(args)], reportingOn: Entity.globalConfigKey, format: output.format)
    }

    /// The full settings: the flags given, the rest from `current`.
    ///
    /// - Throws: ``CommandFailure`` naming the missing flags when there is no config yet and a
    ///   required setting is not given.
    private func merged(with current: GlobalConfig?) throws -> SetGlobalConfigArgs {
        let localAsn = localAsn ?? current?.localAsn
        let remoteAsn = remoteAsn ?? current?.remoteAsn
        let deviceTunnelBlock = deviceTunnelBlock ?? current?.deviceTunnelBlock
        let userTunnelBlock = userTunnelBlock ?? current?.userTunnelBlock
        let multicastGroupBlock = multicastgroupBlock ?? current?.multicastGroupBlock
        guard let localAsn, let remoteAsn, let deviceTunnelBlock, let userTunnelBlock, let multicastGroupBlock else {
            let missing = [
                ("--local-asn", localAsn == nil), ("--remote-asn", remoteAsn == nil),
                ("--device-tunnel-block", deviceTunnelBlock == nil), ("--user-tunnel-block", userTunnelBlock == nil),
                ("--multicastgroup-block", multicastGroupBlock == nil),
            ].filter(\.1).map(\.0)
            throw CommandFailure(
                "the ledger has no global config yet, so the first set needs every required setting; missing: \(missing.joined(separator: ", "))"
            )
        }
        var publisherBlocks: [IPv4Prefix]?
        if !multicastPublisherBlock.isEmpty {
            let existing = current?.multicastPublisherBlocks ?? []
            publisherBlocks = existing + multicastPublisherBlock.filter { !existing.contains($0) }
        }
        return SetGlobalConfigArgs(
            localAsn: localAsn, remoteAsn: remoteAsn, deviceTunnelBlock: deviceTunnelBlock,
            userTunnelBlock: userTunnelBlock, multicastGroupBlock: multicastGroupBlock,
            multicastPublisherBlocks: publisherBlocks, nextBgpCommunity: nextBgpCommunity,
            maxInterfacesPerDevice: maxInterfacesPerDevice)
    }
}
