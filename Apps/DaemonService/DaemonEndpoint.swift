import Hummingbird

/// The endpoints of doublezerod's local API, with upstream's paths and methods.
public enum DaemonEndpoint: String, Sendable, Hashable, CaseIterable {
    /// `GET /status`: the provisioned services (upstream's v1 shape).
    case status = "/status"
    /// `GET /v2/status`: reconciler switch, client IP, network and the enriched services.
    case statusV2 = "/v2/status"
    /// `POST /enable`: persist and signal "reconciler enabled".
    case enable = "/enable"
    /// `POST /disable`: persist and signal "reconciler disabled" (services are torn down).
    case disable = "/disable"
    /// `POST /provision`: provision a service directly.
    case provision = "/provision"
    /// `POST /remove`: remove a service directly.
    case remove = "/remove"
    /// `GET /routes`: the learnt routes.
    case routes = "/routes"
    /// `POST /resolve-route`: the kernel's preferred source toward an address.
    case resolveRoute = "/resolve-route"
    /// `GET /latency`: the latest latency results.
    case latency = "/latency"
    /// `GET /v2/latency`: the latest latency results and whether the first pass finished.
    case latencyV2 = "/v2/latency"
    /// `GET /config`: the ledger followed.
    case config = "/config"

    /// The endpoint's path.
    public var path: String { rawValue }

    /// The one method the endpoint answers; any other gets 405.
    public var method: HTTPRequest.Method {
        switch self {
        case .enable, .disable, .provision, .remove, .resolveRoute: .post
        case .status, .statusV2, .routes, .latency, .latencyV2, .config: .get
        }
    }

    /// Whether the endpoint changes the daemon's state, so only writers (``WriteAccessRule``) may
    /// call it. `POST /resolve-route` is a POST but only reads, so anyone may.
    public var changesState: Bool {
        switch self {
        case .enable, .disable, .provision, .remove: true
        case .status, .statusV2, .routes, .resolveRoute, .latency, .latencyV2, .config: false
        }
    }
}
