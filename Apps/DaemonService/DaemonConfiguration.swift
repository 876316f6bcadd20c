/// What `doublezerod` is told on its command line: where the ledger is, where its local API
/// listens, where it keeps its state, and which host it reconciles for.
public struct DaemonConfiguration: Sendable, Hashable {
    /// The default local API socket.
    public static let defaultSocketPath = "/run/doublezerod/doublezerod.sock"
    /// The default directory of `state.json`.
    public static let defaultStateDirectory = "/var/lib/doublezerod"
    /// The group whose members (besides root) may change things through the API.
    public static let defaultWriterGroup = "doublezero"

    /// The ledger, as `--ledger` takes it (a file path or an http(s) URL); `/config` serves it as `rpc_url`.
    public var ledger: String
    /// The Unix socket of the local HTTP API.
    public var socketPath: String
    /// This host's client IP (dotted quad); nil to discover it from the default route.
    public var clientIP: String?
    /// The directory that holds `state.json` (created when missing).
    public var stateDirectory: String
    /// The network moniker `/v2/status` reports (`mainnet-beta`, `testnet`, `devnet` or `localnet`).
    public var network: String
    /// What `/config` reports as `program_id`: the identity of the ledger followed (upstream: the
    /// serviceability program id); empty while unknown.
    public var programID: String
    /// Whether latency probing runs (without it `/latency` and `/v2/latency` answer 404, as upstream).
    public var latencyProbing: Bool
    /// The group whose members may use the API's state-changing endpoints (root always may).
    public var writerGroup: String

    /// A configuration for the ledger at `ledger`.
    public init(
        ledger: String, socketPath: String = DaemonConfiguration.defaultSocketPath, clientIP: String? = nil,
        stateDirectory: String = DaemonConfiguration.defaultStateDirectory, network: String = "testnet",
        programID: String = "", latencyProbing: Bool = true,
        writerGroup: String = DaemonConfiguration.defaultWriterGroup
    ) {
        self.ledger = ledger
        self.socketPath = socketPath
        self.clientIP = clientIP
        self.stateDirectory = stateDirectory
        self.network = network
        self.programID = programID
        self.latencyProbing = latencyProbing
        self.writerGroup = writerGroup
    }

    /// The path of `state.json` in ``stateDirectory``.
    public var statePath: String { DaemonStateFile(directory: stateDirectory).path }
}
