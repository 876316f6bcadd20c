import ArgumentParser
import CommandLineSupport

/// `doublezero-controller serve`: the config server for device agents.
struct ServeConfigs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Follow the ledger and serve every device's config to device agents over HTTP.",
        discussion: """
            Re-renders a device's config when the ledger changes anything it depends on, and serves it \
            with an ETag so agents fetch only changes. Stops cleanly on SIGINT or SIGTERM.
            """
    )

    /// The ledger to follow.
    @OptionGroup var ledger: LedgerOption

    /// The address the HTTP server listens on.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address to listen on, as HOST:PORT (port 1–65535). (default: 127.0.0.1:8080)",
            valueName: "host:port"),
        transform: { try ListenAddress(validating: $0) })
    var listen = ListenAddress(host: "127.0.0.1", port: 8080)

    /// How to render.
    @OptionGroup var rendering: RenderingOptions

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-controller serve", issue: .controller)
    }
}
