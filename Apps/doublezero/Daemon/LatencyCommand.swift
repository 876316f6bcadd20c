import ArgumentParser
import CommandLineSupport
import DaemonService
import Models

/// `doublezero latency`: shows the measured latency to every device.
struct LatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Show the latency from this host to every activated device, best first.",
        discussion: """
            Asks doublezerod, which probes every device's public IP and tunnel endpoints (GET \
            /v2/latency), waiting up to 60 s for its first probe pass. When a ledger is configured \
            (DOUBLEZERO_LEDGER or `doublezero config set --ledger`), only activated devices are shown. \
            Rows are sorted reachable first, then by minimum and average RTT. Columns: Pubkey, Code, IP, \
            Min, Max, Avg (milliseconds), reachable. With --json: device_pk, device_code, device_ip, \
            min_latency_ns, max_latency_ns, avg_latency_ns, reachable.
            """
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// How long to wait for doublezerod's first probe pass (upstream: 60 s).
    @Option(
        name: .customLong("ready-wait"),
        help: ArgumentHelp("Seconds to wait for the first probe pass (default 60).", visibility: .hidden))
    var readyWaitSeconds: Double = 60

    /// Prints the latency table.
    func run() async throws {
        do {
            let daemon = try DaemonClient(socket)
            let results = try await LatencyRetrieval.readyResults(
                from: daemon, progress: nil, within: .milliseconds(Int64(max(0, readyWaitSeconds) * 1000)))
            let rows = LatencyRetrieval.activatedRows(results, devices: try await Self.configuredDevices())
            guard !rows.isEmpty else { throw CommandFailure("No activated devices found") }
            let table = rows.map(LatencyRow.init(result:))
            guard output.format == .table else {
                print(try output.format.jsonText(table), terminator: "")
                return
            }
            print(TextTable(columns: LatencyRow.columns, rows: table).rendered(), terminator: "")
        } catch {
            throw error.commandFailure
        }
    }

    /// The devices of the configured ledger by key, or nil when no ledger is configured.
    private static func configuredDevices() async throws -> [PublicKey: Device]? {
        let settings = try CLISettings.load()
        guard let location = try? settings.ledger(flag: nil).value else { return nil }
        let devices = try await LedgerSession(ledger: LedgerSession.open(location), keypairPath: "")
            .records(Device.self)
        return Dictionary(devices.map { ($0.pubkey, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
