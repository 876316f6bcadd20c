import ArgumentParser
import CommandLineSupport
import DaemonService
import Foundation
import Hummingbird
import Ledger
import LedgerClient
import Logging
import Models
import PrometheusExport
import ServiceLifecycle

/// `doublezerod run`: the daemon itself.
struct RunDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon until stopped: serve the local API and reconcile this host to the ledger.",
        discussion: """
            Serves the local API on the Unix socket --sock-file (its directory is created; mode 0666: \
            every local user may read status, only root, the daemon's own user and members of the \
            doublezero group may change things). Once listening it prints one line on standard output, \
            `listening on PATH`. With --metrics-enable it also serves Prometheus metrics at \
            http://--metrics-addr/metrics and prints `metrics on HOST:PORT`.

            The reconciler follows the ledger's log and, while enabled (`doublezero enable`), builds \
            this host's services from the activated users whose client IP is --client-ip: \
            doublezero0 (unicast) and doublezero1 (multicast), each with its GRE tunnel (kernel \
            GRE, or a userspace datapath where the kernel has none), addresses, BGP session and \
            routes. It acts on each ledger entry as it arrives and re-checks every \
            --reconciler-poll-interval seconds. The switch persists in STATE-DIR/state.json \
            (created when missing). At start it removes the doublezero0/doublezero1 links and \
            EdgeFiltering rules an earlier run left that the ledger no longer calls for.

            On SIGINT or SIGTERM it tears down every tunnel it set up and removes the socket; its state \
            directory is kept, so the next start re-provisions what is still enabled. Logs go to \
            standard error at the level named by LOG_LEVEL (default info; -v: debug).
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

    /// The network the host is on.
    @Option(name: .long, help: ArgumentHelp("The DoubleZero network: mainnet-beta, testnet, devnet or localnet."))
    var env = NetworkEnvironment.testnet

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
            "The metrics address, as HOST:PORT (port 1–65535, or 0 for any free port). (default: localhost:9464)",
            valueName: "host:port"),
        transform: { try ListenAddress.allowingEphemeralPort($0) })
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

    /// The daemon's configuration from the options, with the client IP resolved.
    func daemonConfiguration() throws(DaemonStartError) -> DaemonConfiguration {
        let address = try ClientAddressDiscovery().resolve(given: clientIP)
        return DaemonConfiguration(
            ledger: ledger.location.description, socketPath: socket.sockFile, clientIP: address.description,
            stateDirectory: stateDir, network: env.moniker, latencyProbing: latency.latencyProbing)
    }

    /// Serves the API (and metrics) until SIGTERM or SIGINT, then removes the socket.
    func run() async throws {
        StandardErrorLogging.bootstrap()
        let prometheus = metricsEnable ? PrometheusExport.bootstrap() : nil
        var logger = Logger(label: "doublezero.daemon")
        if verbose { logger.logLevel = .debug }
        let configuration: DaemonConfiguration
        do {
            configuration = try daemonConfiguration()
        } catch {
            throw CommandFailure(error.description)
        }
        let metrics = DaemonMetrics(latencyGauges: latency.enableLatencyMetrics)
        metrics.recordBuildInfo(version: "dev", commit: "unknown", date: "unknown")
        do {
            // The state file is checked before anything else starts (a corrupt one stops the daemon).
            _ = try DaemonStateFile(directory: configuration.stateDirectory).loadOrCreate()
        } catch {
            throw CommandFailure(error.description)
        }
        let connection: any LedgerAPI
        do {
            connection = try LedgerConnection.open(configuration.ledger)
        } catch {
            throw CommandFailure("cannot open the ledger \(configuration.ledger): \(error)")
        }
        guard let clientIP = configuration.clientIP.flatMap(IPv4Address.init) else {
            throw CommandFailure("no client IP")
        }
        let latencyProbe =
            configuration.latencyProbing
            ? LatencyProbeService(
                probeInterval: .seconds(latency.probeInterval),
                includeTunnelEndpoints: latency.latencyProbeTunnelEndpoints, metrics: metrics,
                logger: logger) : nil
        let backend = DaemonReconciler(
            ledger: connection, clientIP: clientIP, network: configuration.network, metrics: metrics,
            pollInterval: .seconds(reconcilerPollInterval), latencyProbe: latencyProbe, logger: logger)
        let state: DaemonStateStore
        do {
            state = try DaemonStateStore(
                file: DaemonStateFile(directory: configuration.stateDirectory), backend: backend)
        } catch {
            throw CommandFailure(error.description)
        }
        let api = DaemonAPI(
            backend: backend, state: state, configuration: configuration,
            writeAccess: WriteAccessRule(groupName: configuration.writerGroup), logger: logger)
        let server = DaemonAPIServer(api: api, socketPath: configuration.socketPath, logger: logger) { path in
            FileHandle.standardOutput.write(Data("listening on \(path)\n".utf8))
        }
        var services: [any Service] = [backend, server]
        if let latencyProbe { services.append(latencyProbe) }
        if let prometheus {
            services.append(
                metricsServer(
                    prometheus, metrics: metrics, backend: backend, network: configuration.network, logger: logger))
        }
        let enabled = await state.reconcilerEnabled
        logger.info(
            "doublezerod starting",
            metadata: [
                "daemon.client_ip": "\(configuration.clientIP ?? "")", "daemon.network": "\(configuration.network)",
                "daemon.reconciler.enabled": "\(enabled)",
                "ledger.location": "\(configuration.ledger)",
            ])
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            throw CommandFailure("doublezerod failed: \(error)")
        }
        await LedgerConnection.close(connection)
        logger.info("doublezerod stopped")
    }

    /// The Prometheus server on --metrics-addr: `GET /metrics`, with the connection gauges brought
    /// up to date from the backend before each scrape.
    func metricsServer(
        _ prometheus: PrometheusExport, metrics: DaemonMetrics, backend: DaemonReconciler, network: String,
        logger: Logger
    ) -> some Service {
        let router = Router()
        prometheus.addRoute(to: router) {
            let services = (try? await backend.services()) ?? []
            metrics.recordConnections(services, network: network)
            metrics.recordTunnels(await backend.tunnelSamples())
        }
        let host = metricsAddr.host
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: Int(metricsAddr.port))),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                logger.info("metrics listening", metadata: ["http.address": "\(shown)"])
                FileHandle.standardOutput.write(Data("metrics on \(shown)\n".utf8))
            },
            logger: logger)
    }
}
