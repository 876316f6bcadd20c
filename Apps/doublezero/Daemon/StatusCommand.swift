import ArgumentParser
import CommandLineSupport

/// `doublezero status`: shows this host's tunnels as doublezerod sees them.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show this host's tunnels: session state, endpoints, DoubleZero IP, device and metro.",
        discussion: """
            Asks doublezerod. One row per tunnel (a single `disconnected` row when there are none), with \
            the current and the lowest-latency device side by side.
            """
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero status", issue: .userHostDaemon)
    }
}
