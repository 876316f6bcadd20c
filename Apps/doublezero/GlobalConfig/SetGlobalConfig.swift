import ArgumentParser
import CommandLineSupport

/// `doublezero global-config set`: changes global settings (foundation members only).
struct SetGlobalConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change global settings (foundation members only).",
        discussion: """
            Only the settings given change. Example: global-config set --local-asn 65000 --remote-asn 65342 \
            --device-tunnel-block 172.16.0.0/16 --user-tunnel-block 169.254.0.0/16 \
            --multicastgroup-block 233.84.178.0/24
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
        help: ArgumentHelp("Pool for link /31s and loopbacks (RFC 1918 or link-local; set once).", valueName: "prefix"))
    var deviceTunnelBlock: String?

    /// Pool for user tunnel /31s.
    @Option(
        name: .long, help: ArgumentHelp("Pool for user tunnel /31s (in 169.254.0.0/16; set once).", valueName: "prefix")
    )
    var userTunnelBlock: String?

    /// Pool for multicast group addresses.
    @Option(name: .long, help: ArgumentHelp("Pool for multicast group addresses (set once).", valueName: "prefix"))
    var multicastgroupBlock: String?

    /// Pool for multicast publishers' DoubleZero IPs.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Pool for multicast publishers' DoubleZero IPs (e.g. 147.51.126.0/23; more ranges can be added).",
            valueName: "prefix"))
    var multicastPublisherBlock: String?

    /// Next exchange BGP community.
    @Option(
        name: .long, help: ArgumentHelp("Community the next new exchange gets (10000–10999).", valueName: "community"))
    var nextBgpCommunity: Int?

    /// The ledger to write to.
    @OptionGroup var ledger: LedgerOption

    /// A foundation member's key.
    @OptionGroup var keypair: KeypairOption

    /// Rejects an empty change and out-of-range values.
    func validate() throws {
        let given: [Any?] = [
            localAsn, remoteAsn, deviceTunnelBlock, userTunnelBlock, multicastgroupBlock, multicastPublisherBlock,
            nextBgpCommunity,
        ]
        guard given.contains(where: { $0 != nil }) else {
            throw ValidationError("give at least one setting to change (see --help).")
        }
        for (flag, asn) in [("--local-asn", localAsn), ("--remote-asn", remoteAsn)] {
            if let asn, asn == 0 || asn == UInt32.max {
                throw ValidationError("\(flag) must be between 1 and 4294967294 (got \(asn)).")
            }
        }
        if let nextBgpCommunity, !Exchanges.bgpCommunities.contains(nextBgpCommunity) {
            throw ValidationError("--next-bgp-community must be between 10000 and 10999 (got \(nextBgpCommunity)).")
        }
    }

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero global-config set", issue: .ledger)
    }
}
