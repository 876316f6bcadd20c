import ArgumentParser
import CommandLineSupport

/// `doublezero connect ibrl`: the unicast tunnel.
struct ConnectIBRL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ibrl",
        abstract: "Connect for unicast (IBRL): tunnel doublezero0, routes to other DoubleZero users.",
        discussion: """
            IBRL ("increase bandwidth, reduce latency") reuses this host's public IP as its DoubleZero IP; \
            with --allocate-addr the device allocates one from its prefixes instead.
            """
    )

    /// Socket, ledger, key, verbosity.
    @OptionGroup var connection: ConnectionOptions

    /// Use an allocated DoubleZero IP.
    @Flag(name: .shortAndLong, help: "Get a DoubleZero IP allocated instead of reusing this host's IP.")
    var allocateAddr = false

    /// A device chosen by hand.
    @Option(name: .long, help: ArgumentHelp("Connect to this device instead of the closest one.", valueName: "code"))
    var device: String?

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero connect ibrl", issue: .userHostDaemon)
    }
}
