import ArgumentParser
import CommandLineSupport
import DaemonService

/// `doublezero status`: shows this host's tunnels as doublezerod sees them.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show this host's tunnels: session state, endpoints, DoubleZero IP, device and metro.",
        discussion: """
            Asks doublezerod (GET /v2/status, retried 3 times). One row per tunnel (a single \
            `disconnected` row when there are none). Columns: Tunnel Status, Last Session Update (UTC), \
            Tunnel Name, Tunnel Src, Tunnel Dst, Doublezero IP, User Type, Reconciler, Tenant, Current \
            Device, Lowest Latency Device, Metro, Network, Multicast Groups (P:<publish>,…,S:<subscribe>,…). \
            When the BGP session is up the lowest-latency device is marked ✅ when it is the current one \
            and ⚠️ when another device is closer. Unknown cells read N/A. With --json: one object per row \
            with the service under "response" (no ✅/⚠️ marks).
            """
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Prints the status.
    func run() async throws {
        do {
            let daemon = try DaemonClient(socket)
            let rows = StatusRow.rows(of: try await Self.status(from: daemon))
            guard output.format == .table else {
                print(try output.format.jsonText(rows), terminator: "")
                return
            }
            print(TextTable(columns: StatusRow.columns, rows: rows).rendered(), terminator: "")
        } catch {
            throw error.commandFailure
        }
    }

    /// `GET /v2/status`, retried up to 3 times on a transport error (0.5 s, 1 s, 2 s apart).
    static func status(from daemon: DaemonClient) async throws -> DaemonStatus {
        var delay: Duration = .milliseconds(500)
        for _ in 0..<3 {
            do {
                return try await daemon.status()
            } catch DaemonClientError.transport {
                try await Task.sleep(for: delay)
                delay *= 2
            }
        }
        return try await daemon.status()
    }
}
