import ArgumentParser
import CommandLineSupport
import DaemonService

/// `doublezero routes`: the routes this host learnt over its tunnels.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Show the routes this host learnt over its DoubleZero tunnels, with their liveness.",
        discussion: """
            Asks doublezerod (GET /routes): one row per route to another DoubleZero host, sorted by \
            network, local IP, peer IP. Columns: Network, Local IP, Peer IP, Kernel State (present or \
            absent), Liveness Last Updated, Liveness State, Liveness State Reason, Peer Client Version \
            (the liveness cells are empty, and null in --json, when doublezerod runs without route \
            liveness). No routes at all is an error (`No routes found`).
            """
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Prints the routes.
    func run() async throws {
        do {
            let routes = try await DaemonClient(socket).routes().map(RouteRow.init(record:))
            guard !routes.isEmpty else { throw CommandFailure("No routes found") }
            guard output.format == .table else {
                print(try output.format.jsonText(routes), terminator: "")
                return
            }
            print(TextTable(columns: RouteRow.columns, rows: routes).rendered(), terminator: "")
        } catch {
            throw error.commandFailure
        }
    }
}
