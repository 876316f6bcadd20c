import Ledger
import Models

/// The paths of the ledger's HTTP API, shared by `LedgerServer` and `LedgerClient`.
///
/// Every path is relative to the server's root URL; the API is versioned under `/v1`.
public enum LedgerHTTPPath {
    /// `POST`: submit a signed transaction (body: its wire form).
    public static let transactions = "/v1/transactions"
    /// `GET`: the ledger's genesis (its identity is what every transaction names).
    public static let genesis = "/v1/genesis"
    /// `GET`: the log's head.
    public static let head = "/v1/head"
    /// `GET`: the log as NDJSON (`?from=N`, `&follow=false`).
    public static let log = "/v1/log"
    /// `GET`: liveness (`ok`).
    public static let health = "/healthz"
    /// `GET`: Prometheus metrics (text exposition format).
    public static let metrics = "/metrics"

    /// `GET`: the entities of `kind` (query parameters are ``EntityFilter`` conditions).
    public static func entities(of kind: EntityKind) -> String {
        "/v1/entities/\(kind.rawValue)"
    }

    /// `GET`: one entity.
    public static func entity(_ ref: EntityRef) -> String {
        "/v1/entities/\(ref.kind.rawValue)/\(ref.pubkey.base58)"
    }
}
