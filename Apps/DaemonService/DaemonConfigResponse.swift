/// The answer of `GET /config`: which ledger the daemon follows, so the CLI can check it uses the same.
public struct DaemonConfigResponse: Codable, Sendable, Hashable {
    /// The ledger's identity (upstream: the serviceability program id); `""` while unknown.
    public var programID: String
    /// The ledger's location (upstream: the DZ ledger RPC URL).
    public var rpcURL: String

    enum CodingKeys: String, CodingKey {
        case programID = "program_id"
        case rpcURL = "rpc_url"
    }

    /// An answer with the given fields.
    public init(programID: String, rpcURL: String) {
        self.programID = programID
        self.rpcURL = rpcURL
    }
}
