/// The content types the ledger's HTTP API speaks.
public enum LedgerMediaType {
    /// Request and response bodies other than the log.
    public static let json = "application/json"
    /// The log stream: one JSON value per line.
    public static let ndjson = "application/x-ndjson"
    /// `/healthz`.
    public static let plainText = "text/plain; charset=utf-8"
    /// `/metrics`: the Prometheus text exposition format.
    public static let prometheusText = "text/plain; version=0.0.4; charset=utf-8"
}
