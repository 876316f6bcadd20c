import Hummingbird
import Ledger
import LedgerWireFormat
import Logging
import ServiceLifecycle
import UnixSignals

/// The ledger's HTTP API, served for any ``Ledger/LedgerAPI`` (in `doublezero-ledger serve`, the
/// embedded ledger file).
///
/// Routes (JSON bodies, snake_case fields; errors are `{"error": <ProgramError>}`):
///
/// | route | answer |
/// |---|---|
/// | `POST /v1/transactions` | 200 ``Ledger/SubmitReceipt``; 413 over 64 KiB; 400 malformed, unknown instruction or bad signature; 409 replay; 422 other refusals; 429 the signer is locked out (``AuthenticationGate``; `Retry-After`); 500 storage |
/// | `GET /v1/entities/{kind}?field=value…` | 200 `{"entities": [...]}`; 404 unknown kind (the message lists the kinds); 400 bad filter |
/// | `GET /v1/entities/{kind}/{pubkey}` | 200 the entity; 404 absent; 400 malformed key |
/// | `GET /v1/head` | 200 ``Ledger/LedgerHead`` |
/// | `GET /v1/log?from=N[&follow=false]` | 200 NDJSON log stream with heartbeats; ends with a ``LedgerWireFormat/LogStreamCut`` line when the client falls behind |
/// | `GET /healthz` | 200 `ok` |
/// | `GET /metrics` | 200 the metrics text, when the executable gives an exposition (``LedgerServerMetrics``) |
///
/// It is a swift-service-lifecycle `Service`: run it in a `ServiceGroup` with SIGTERM and SIGINT
/// as graceful-shutdown signals (``runUntilSignalled(signals:)`` does). On graceful shutdown it
/// stops accepting connections, ends open log streams cleanly and finishes in-flight requests.
/// Each instance runs once.
public final class LedgerHTTPServer: Service, Sendable {
    /// What is served.
    public let ledger: any LedgerAPI
    /// Where it listens and how it streams.
    public let configuration: LedgerServerConfiguration
    /// Request and lifecycle logging.
    public let logger: Logger
    /// What the server counts (through the swift-metrics API).
    public let metrics: LedgerServerMetrics
    /// The metrics text `GET /metrics` serves (the executable's backend); nil: no such route.
    public let exposition: (@Sendable () async -> [UInt8])?

    /// The authentication rate limit (its ``AuthenticationGate/standing`` keys follow the ledger while the server runs).
    public let gate: AuthenticationGate

    private let address = ListeningAddressSignal()

    /// Creates a server for `ledger`; nothing listens until ``run()``.
    ///
    /// - Parameters:
    ///   - metrics: where it counts (default: the process's metrics system).
    ///   - exposition: the metrics text for `GET /metrics` (for example a Prometheus registry's);
    ///     the head gauge is brought up to date before each call.
    public init(
        ledger: any LedgerAPI, configuration: LedgerServerConfiguration = .init(), logger: Logger,
        metrics: LedgerServerMetrics = LedgerServerMetrics(), exposition: (@Sendable () async -> [UInt8])? = nil
    ) {
        self.ledger = ledger
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.exposition = exposition
        self.gate = AuthenticationGate(
            limits: configuration.authentication, standing: StandingKeys(), metrics: metrics, logger: logger)
    }

    /// Binds, serves until graceful shutdown or cancellation, then returns.
    ///
    /// - Throws: when the address cannot be bound (also reported to ``listeningAddress()``).
    public func run() async throws {
        let host = configuration.host
        let address = self.address
        let application = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port)),
            onServerRunning: { channel in
                address.listening(at: LedgerServerAddress(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger)
        // The keys with standing follow the ledger beside the server, so the rate limit never
        // reads the store on a request.
        // The first load happens before the server listens, so the foundation and every key with
        // standing are known from the first request (were it to fail, the follower retries).
        let standing = gate.standing
        let ledger = self.ledger
        let logger = self.logger
        let loaded: UInt64?
        do {
            loaded = try await standing.load(from: ledger)
        } catch {
            logger.warning("standing keys: the first load failed; retrying", metadata: ["error": "\(error)"])
            loaded = nil
        }
        let follower = Task { await standing.follow(ledger, loaded: loaded, logger: logger) }
        defer { follower.cancel() }
        do {
            try await application.run()
        } catch {
            address.fail(.startFailed("\(error)"))
            address.fail(.stopped)
            throw error
        }
        address.fail(.stopped)
    }

    /// Runs the server in its own `ServiceGroup` until one of `signals` asks it to stop.
    public func runUntilSignalled(signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [self], gracefulShutdownSignals: signals, logger: logger))
        try await group.run()
    }

    /// The address the server is bound to, once it is; waits for ``run()`` to bind.
    ///
    /// - Throws: ``LedgerServerError`` when binding failed or the server has stopped.
    public func listeningAddress() async throws(LedgerServerError) -> LedgerServerAddress {
        try await address.wait()
    }

    /// The routes over ``ledger``.
    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLoggingMiddleware())
        router.add(middleware: MetricsMiddleware())
        let submission = TransactionSubmission(ledger: ledger, metrics: metrics, gate: gate)
        let entities = EntityQueries(ledger: ledger)
        let log = LogStreamResponder(
            ledger: ledger, heartbeatInterval: configuration.heartbeatInterval, metrics: metrics)
        let ledger = self.ledger
        let metrics = self.metrics
        router.post(RouterPath(LedgerHTTPPath.transactions)) { request, context in
            try await submission.respond(to: request, context: context)
        }
        router.get("/v1/entities/:kind") { request, context in
            try await entities.list(request: request, context: context)
        }
        router.get("/v1/entities/:kind/:pubkey") { request, context in
            try await entities.one(request: request, context: context)
        }
        router.get(RouterPath(LedgerHTTPPath.genesis)) { _, context -> Response in
            do throws(LedgerError) {
                return .json(try await ledger.genesis())
            } catch {
                return error.response(logger: context.logger)
            }
        }
        router.get(RouterPath(LedgerHTTPPath.head)) { _, context -> Response in
            do throws(LedgerError) {
                return .json(try await ledger.head())
            } catch {
                return error.response(logger: context.logger)
            }
        }
        router.get(RouterPath(LedgerHTTPPath.log)) { request, context in
            try await log.respond(to: request, context: context)
        }
        if let exposition {
            let gate = self.gate
            router.get(RouterPath(LedgerHTTPPath.metrics)) { _, _ -> Response in
                await metrics.recordHead(of: ledger)
                gate.recordGauges()
                var buffer = ByteBuffer()
                buffer.writeBytes(await exposition())
                return Response(
                    status: .ok, headers: [.contentType: LedgerMediaType.prometheusText],
                    body: ResponseBody(byteBuffer: buffer))
            }
        }
        router.get(RouterPath(LedgerHTTPPath.health)) { _, _ -> Response in
            var buffer = ByteBuffer()
            buffer.writeString("ok\n")
            return Response(
                status: .ok, headers: [.contentType: LedgerMediaType.plainText], body: ResponseBody(byteBuffer: buffer))
        }
        return router
    }
}
