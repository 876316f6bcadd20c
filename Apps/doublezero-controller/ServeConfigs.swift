import ArgumentParser
import CommandLineSupport
import ControllerService
import Foundation
import Hummingbird
import Ledger
import LedgerClient
import Logging
import PrometheusExport
import Routing
import ServiceLifecycle

/// `doublezero-controller serve`: the config server for device agents.
struct ServeConfigs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Follow the ledger and serve every device's config to device agents over HTTP.",
        discussion: """
            Loads the ledger's state, then follows its log; each change yields a new immutable snapshot \
            (rebuilt at most every 100 ms). Agents fetch GET /v1/devices/{code-or-pubkey}/config: the \
            EOS text with an ETag (SHA-256 of the text); sending it back in If-None-Match gives 304 when \
            nothing changed. Optional ?bgp-peers=ip,ip… lists the BGP neighbours the device has, so \
            stale user sessions get removal blocks. 404 names an unknown device, 409 gives the reasons a \
            device gets no config, 503 means the ledger was not loaded yet. GET /metrics serves \
            Prometheus metrics, GET /healthz liveness.

            Once listening it prints one line on standard output, `listening on HOST:PORT` (the \
            real port when given port 0). Logs go to standard error at the level named by LOG_LEVEL \
            (default info). Stops cleanly on SIGINT or SIGTERM.
            """
    )

    /// The ledger to follow.
    @OptionGroup var ledger: LedgerOption

    /// The address the HTTP server listens on.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address to listen on, as HOST:PORT (port 1–65535, or 0 for any free port). (default: 127.0.0.1:8080)",
            valueName: "host:port"),
        transform: { try ListenAddress.allowingEphemeralPort($0) })
    var listen = ListenAddress(host: "127.0.0.1", port: 8080)

    /// How to render.
    @OptionGroup var rendering: RenderingOptions

    /// Follows the ledger and serves until SIGTERM or SIGINT.
    func run() async throws {
        StandardErrorLogging.bootstrap()
        let prometheus = PrometheusExport.bootstrap()
        let logger = Logger(label: "doublezero.controller")
        let connection: any LedgerAPI
        do {
            connection = try LedgerConnection.open(ledger.location.description)
        } catch {
            throw CommandFailure("cannot open the ledger \(ledger.location): \(error)")
        }
        let controller = ControllerService(
            ledger: connection, options: rendering.deviceConfigOptions, logger: logger)
        let router = ConfigHTTPServer(current: controller.current, metrics: controller.metrics).makeRouter()
        prometheus.addRoute(to: router) { controller.metrics.recordSnapshotAge(of: controller.current.snapshot) }
        let host = listen.host
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: Int(listen.port))),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                logger.info(
                    "controller listening",
                    metadata: [
                        "http.address": "\(shown)",
                        "ledger.location": "\(connection is LedgerService ? "file" : "http")",
                    ])
                FileHandle.standardOutput.write(Data("listening on \(shown)\n".utf8))
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [controller, application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("controller starting", metadata: ["ledger.location": "\(ledger.location)"])
        do {
            try await group.run()
        } catch {
            await LedgerConnection.close(connection)
            throw CommandFailure("the controller failed: \(error)")
        }
        await LedgerConnection.close(connection)
        logger.info("controller stopped")
    }
}
