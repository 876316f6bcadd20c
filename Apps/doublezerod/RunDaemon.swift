import ArgumentParser
import CommandLineSupport

/// `doublezerod run`: the daemon itself.
struct RunDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon until stopped: serve the local API and reconcile this host to the ledger.",
        discussion: """
            On SIGINT or SIGTERM it tears down every tunnel it set up and removes the socket; its state \
            directory is kept, so the next start re-provisions what is still enabled.
            """
    )

    /// The local API socket.
    @OptionGroup var socket: DaemonSocketOption

    /// The ledger to follow.
    @OptionGroup var ledger: LedgerOption

    /// The key of this host's DoubleZero account.
    @OptionGroup var keypair: KeypairOption

    /// This host's public IPv4 address, or nil to discover it.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "This host's public IPv4 address, used to find its users in the ledger. (default: discovered)",
            valueName: "ipv4"))
    var clientIP: String?

    /// Where the daemon keeps state.json.
    @Option(name: .long, help: ArgumentHelp("Where the daemon keeps its state.", valueName: "path"))
    var stateDir = "/var/lib/doublezerod"

    /// Optional route exclusion file.
    @Option(name: .long, help: ArgumentHelp("Optional route exclusion file.", valueName: "path"))
    var routeConfig = "/var/lib/doublezerod/route-config.json"

    /// Seconds between reconciler ticks.
    @Option(name: .long, help: ArgumentHelp("Seconds between reconciler runs (at least 1).", valueName: "seconds"))
    var reconcilerPollInterval = 10

    /// Timeout of one reconciler fetch from the ledger.
    @Option(
        name: .long, help: ArgumentHelp("Seconds one reconciler fetch from the ledger may take.", valueName: "seconds"))
    var reconcilerFetchTimeout = 60

    /// Latency probing settings.
    @OptionGroup(title: "Latency probing") var latency: LatencyProbingOptions

    /// Whether to serve Prometheus metrics.
    @Flag(name: .long, help: "Serve Prometheus metrics at /metrics on --metrics-addr.")
    var metricsEnable = false

    /// Address of the metrics server.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The metrics address, as HOST:PORT (port 1–65535). (default: localhost:9464)", valueName: "host:port"),
        transform: { try ListenAddress(validating: $0) })
    var metricsAddr = ListenAddress(host: "localhost", port: 9464)

    /// Route liveness settings.
    @OptionGroup(title: "Route liveness") var liveness: RouteLivenessOptions

    /// Debug logging.
    @Flag(name: .shortAndLong, help: "Log at debug level.")
    var verbose = false

    /// Rejects a reconciler interval below one second.
    func validate() throws {
        guard reconcilerPollInterval >= 1 else {
            throw ValidationError(
                "--reconciler-poll-interval must be at least 1 second (got \(reconcilerPollInterval)).")
        }
        guard reconcilerFetchTimeout >= 1 else {
            throw ValidationError(
                "--reconciler-fetch-timeout must be at least 1 second (got \(reconcilerFetchTimeout)).")
        }
    }

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezerod run", issue: .userHostDaemon)
    }
}
