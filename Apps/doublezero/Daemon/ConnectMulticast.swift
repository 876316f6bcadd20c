import ArgumentParser
import CommandLineSupport

/// `doublezero connect multicast`: the multicast tunnel.
struct ConnectMulticast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multicast",
        abstract: "Connect for multicast: tunnel doublezero1, publish to and/or subscribe to groups.",
        discussion: """
            With no --publish or --subscribe, joins every group your access pass allows. If the host \
            already has a unicast tunnel, the multicast tunnel goes to another tunnel endpoint.
            """
    )

    /// Socket, ledger, key, verbosity.
    @OptionGroup var connection: ConnectionOptions

    /// Groups to publish to.
    @Option(name: .long, help: ArgumentHelp("A group to publish to (repeatable).", valueName: "group"))
    var publish: [String] = []

    /// Groups to subscribe to.
    @Option(name: .long, help: ArgumentHelp("A group to subscribe to (repeatable).", valueName: "group"))
    var subscribe: [String] = []

    /// A device chosen by hand.
    @Option(name: .long, help: ArgumentHelp("Connect to this device instead of the closest one.", valueName: "code"))
    var device: String?

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero connect multicast", issue: .userHostDaemon)
    }
}
