import Foundation
import Hummingbird
import Logging
import NIOCore

/// doublezerod's local HTTP API: upstream's endpoints (``DaemonEndpoint``), JSON bodies and status
/// strings, answered from a ``DaemonBackend`` and the ``DaemonStateStore``.
///
/// | endpoint | success | errors |
/// |---|---|---|
/// | `GET /status` | 200 `[ServiceStatus]`, or `[{"doublezero_status":{"session_status":"disconnected"}}]` | 500 |
/// | `GET /v2/status[?after=G&wait=S]` | 200 ``DaemonStatus`` (long-poll: see ``StatusLongPoll``) | 400 bad query; 500 |
/// | `POST /enable`, `POST /disable` | 200 `{"status":"ok"}` after `state.json` is written | 500 |
/// | `POST /provision` | 200 `{"status":"ok"}` | 400 malformed / invalid / already provisioned / failed; 503 |
/// | `POST /remove` | 200 `{"status":"ok"}` | 400 malformed; 500 removal failed; 503 |
/// | `GET /routes` | 200 `[RouteRecord]` sorted | 500 (plain text) |
/// | `POST /resolve-route` | 200 `{"src":"…"}` | 400 malformed / invalid, 404 `route not found`, 500, 503 (plain text) |
/// | `GET /latency`, `GET /v2/latency` | 200 `[LatencyResult]`, ``LatencyReport`` | 404 when probing is off; 500 |
/// | `GET /config` | 200 ``DaemonConfigResponse`` | — |
///
/// Errors of the action endpoints are `{"status":"error","description":"…"}`. Any other method on
/// an endpoint's path is 405; a body over ``maxBodySize`` is 413; a caller the ``WriteAccessRule``
/// refuses gets 403 on the endpoints that change state. A refused or failed request changes nothing.
public struct DaemonAPI: Sendable {
    /// The largest request body accepted.
    public static let maxBodySize = 64 * 1024

    /// What the routes call.
    public let backend: any DaemonBackend
    /// The persisted state (the reconciler switch).
    public let state: DaemonStateStore
    /// The network, client IP, ledger and whether latency probing runs.
    public let configuration: DaemonConfiguration
    /// Who may change things.
    public let writeAccess: WriteAccessRule
    /// Reads the caller's credentials from its connection.
    let peerCredentials: @Sendable (any Channel) async -> PeerCredentials?
    let logger: Logger

    /// An API over `backend` and `state`.
    ///
    /// - Parameters:
    ///   - peerCredentials: how the caller's credentials are read from its connection (default:
    ///     `SO_PEERCRED`); tests running without a socket pass fixed ones.
    public init(
        backend: any DaemonBackend, state: DaemonStateStore, configuration: DaemonConfiguration,
        writeAccess: WriteAccessRule,
        peerCredentials: @escaping @Sendable (any Channel) async -> PeerCredentials? = PeerCredentials.read(from:),
        logger: Logger = Logger(label: "doublezero.daemon.api")
    ) {
        self.backend = backend
        self.state = state
        self.configuration = configuration
        self.writeAccess = writeAccess
        self.peerCredentials = peerCredentials
        self.logger = logger
    }

    /// The routes of every endpoint.
    public func makeRouter() -> Router<DaemonRequestContext> {
        let router = Router(context: DaemonRequestContext.self)
        router.add(middleware: MethodCheckMiddleware())
        for endpoint in DaemonEndpoint.allCases {
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context -> Response in
                if endpoint.changesState, let refusal = await self.refusal(context) {
                    self.logger.notice(
                        "API change refused",
                        metadata: ["daemon.api.endpoint": "\(endpoint.path)", "error": "\(refusal)"])
                    return Self.json(ActionResponse.error(refusal), status: .forbidden)
                }
                return await self.respond(to: endpoint, request: request)
            }
        }
        return router
    }

    /// The answer to `request` at `endpoint` (method and permission already checked).
    func respond(to endpoint: DaemonEndpoint, request: Request) async -> Response {
        switch endpoint {
        case .status: await status()
        case .statusV2: await statusV2(request)
        case .enable: await setReconciler(enabled: true)
        case .disable: await setReconciler(enabled: false)
        case .provision: await provision(request)
        case .remove: await remove(request)
        case .routes: await routes()
        case .resolveRoute: await resolveRoute(request)
        case .latency: await latency(version: 1)
        case .latencyV2: await latency(version: 2)
        case .config:
            Self.json(DaemonConfigResponse(programID: configuration.programID, rpcURL: configuration.ledger))
        }
    }

    /// Why the caller of `context` may not change things, or nil when it may.
    func refusal(_ context: DaemonRequestContext) async -> String? {
        switch writeAccess.decide(await peerCredentials(context.channel)) {
        case .granted: nil
        case .denied(let reason): reason
        }
    }
}
