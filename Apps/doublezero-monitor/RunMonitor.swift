import ArgumentParser
import CommandLineSupport
import Foundation
import Hummingbird
import Ledger
import LedgerClient
import Logging
import MonitorService
import PrometheusExport
import ServiceLifecycle

/// `doublezero-monitor run`: the monitor service.
struct RunMonitor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the ledger, check invariants, and serve /metrics and the dashboard until stopped.",
        discussion: """
            Follows the ledger and evaluates every check on each change, and again every --interval \
            for the checks that depend on time (users stuck pending or deleting, devices that stopped \
            fetching their config). Each broken rule is an alert with a kind, a severity, a subject, \
            the time it was first seen and a sentence saying what is wrong and how to fix it; it is \
            logged once when it opens and once when it clears.

            The dashboard is served at / on the --listen address (pages /exchanges, /devices, /links, \
            /users, /pools, /alerts; each with a .json twin, e.g. /devices.json; live updates through \
            /events), Prometheus metrics at /metrics. It is read-only and binds to 127.0.0.1 unless told \
            otherwise. Once listening it prints `listening on HOST:PORT`. Logs go to standard error at \
            the level named by LOG_LEVEL (default info). Stops cleanly on SIGINT or SIGTERM.
            """
    )

    /// The ledger to follow.
    @OptionGroup var ledger: LedgerOption

    /// The address of the metrics and dashboard HTTP server.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address for the dashboard and /metrics, as HOST:PORT (port 0: any free port). (default: 127.0.0.1:8081)",
            valueName: "host:port"),
        transform: { try ListenAddress.allowingEphemeralPort($0) })
    var listen = ListenAddress(host: "127.0.0.1", port: 8081)

    /// How often the time-based checks run.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "How often to re-run the time-based checks and read the controller, e.g. 10s or 1m. (default: 10s)",
            valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var interval = TimeSpan.seconds(10)

    /// The controller's metrics endpoint.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The controller's metrics URL (e.g. http://127.0.0.1:8080/metrics), to alert on devices that stop "
                + "fetching their config. Left out: not checked.", valueName: "url"))
    var controllerMetrics: String?

    /// How long a user may wait.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Alert on a user pending or deleting for longer than this. (default: 5m)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var stuckUserAfter = TimeSpan.minutes(5)

    /// How full a pool may get.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Alert on a pool more than this many percent full (1–100). (default: 80)", valueName: "percent"))
    var poolThreshold = 80

    /// How long a device may go without fetching.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Alert on a device that fetched no config for longer than this (with --controller-metrics). (default: 5m)",
            valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var configFetchAfter = TimeSpan.minutes(5)

    /// How many cleared alerts to keep.
    @Option(
        name: .long,
        help: ArgumentHelp("Cleared alerts kept in the history (0–100000). (default: 1000)", valueName: "count"))
    var history = 1000

    /// Rejects values the checks cannot use.
    func validate() throws {
        guard interval.duration > .zero else {
            throw ValidationError("--interval must be longer than zero (got \(interval)).")
        }
        guard (1...100).contains(poolThreshold) else {
            throw ValidationError("--pool-threshold must be a percentage from 1 to 100 (got \(poolThreshold)).")
        }
        guard (0...100_000).contains(history) else {
            throw ValidationError("--history must be from 0 to 100000 (got \(history)).")
        }
        if let controllerMetrics {
            guard let url = URL(string: controllerMetrics), url.scheme == "http" || url.scheme == "https",
                url.host?.isEmpty == false
            else {
                throw ValidationError(
                    "--controller-metrics must be an http(s) URL such as http://127.0.0.1:8080/metrics (got '\(controllerMetrics)')."
                )
            }
        }
    }

    /// The service's configuration.
    var monitorConfiguration: MonitorConfiguration {
        MonitorConfiguration(
            ledger: ledger.location.description, host: listen.host, port: Int(listen.port), interval: interval.duration,
            controllerMetrics: controllerMetrics,
            thresholds: MonitorThresholds(
                stuckUser: stuckUserAfter.duration, poolUtilisation: Double(poolThreshold) / 100,
                configFetch: configFetchAfter.duration),
            historyLimit: history)
    }

    /// Follows the ledger and serves until SIGTERM or SIGINT.
    func run() async throws {
        StandardErrorLogging.bootstrap()
        let prometheus = PrometheusExport.bootstrap()
        let logger = Logger(label: "doublezero.monitor")
        let connection: any LedgerAPI
        do {
            connection = try LedgerConnection.open(ledger.location.description)
        } catch {
            throw CommandFailure("cannot open the ledger \(ledger.location): \(error)")
        }
        let configuration = monitorConfiguration
        let monitor = MonitorService(ledger: connection, configuration: configuration, logger: logger)
        let router = try DashboardServer(current: monitor.current).makeRouter()
        prometheus.addRoute(to: router)
        let host = listen.host
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: Int(listen.port))),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                logger.info("monitor listening", metadata: ["http.address": "\(shown)"])
                FileHandle.standardOutput.write(Data("listening on \(shown)\n".utf8))
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [monitor, application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "monitor starting",
            metadata: [
                "ledger.location": "\(ledger.location)", "monitor.interval": "\(interval)",
                "monitor.controller_metrics": "\(controllerMetrics ?? "not checked")",
            ])
        do {
            try await group.run()
        } catch {
            await LedgerConnection.close(connection)
            throw CommandFailure("the monitor failed: \(error)")
        }
        await LedgerConnection.close(connection)
        logger.info("monitor stopped")
    }
}
