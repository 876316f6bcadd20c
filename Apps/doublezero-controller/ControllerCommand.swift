import ArgumentParser
import CommandLineSupport

/// `doublezero-controller`: renders and serves each device's configuration.
@main
struct ControllerCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezero-controller",
        abstract: "Render each DoubleZero device's config from the ledger and serve it to device agents.",
        discussion: """
            The controller follows the ledger and derives, for every device, the Arista EOS configuration \
            it should run: loopbacks, links and IS-IS, user GRE tunnels and their BGP sessions, multicast \
            (PIM) settings, route policy with metro BGP communities, and the control-plane ACL. The text \
            is byte-compatible with the upstream controller's.

            `render` prints one device's config (for debugging and golden tests); `serve` answers device \
            agents over HTTP with an ETag, so an agent fetches a config only when it changed.

            \(ExitCode.summary)
            """,
        subcommands: [RenderConfig.self, ServeConfigs.self]
    )
}
