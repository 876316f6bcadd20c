import ArgumentParser
import CommandLineSupport

/// `doublezero-ledger serve`: the ledger's HTTP server.
struct ServeLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP: accept signed transactions and stream the log.",
        discussion: """
            Clients submit signed transactions; each one is applied atomically or rejected with a typed \
            error. Followers read state and subscribe to the log from a sequence number (a stream, not a \
            poll). The file must exist (see `init`).
            """
    )

    /// The ledger file to serve.
    @OptionGroup var database: DatabaseOption

    /// The address the HTTP server listens on.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address to listen on, as HOST:PORT (port 1–65535). (default: 127.0.0.1:8899)",
            valueName: "host:port"),
        transform: { try ListenAddress(validating: $0) })
    var listen = ListenAddress(host: "127.0.0.1", port: 8899)

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-ledger serve", issue: .ledger)
    }
}
