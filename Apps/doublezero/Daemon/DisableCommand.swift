import ArgumentParser
import CommandLineSupport

/// `doublezero disable`: turns doublezerod's reconciler off.
struct DisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable doublezerod's reconciler: it tears down every tunnel and provisions none.",
        discussion: """
            doublezerod persists the switch (state.json). The user accounts stay in the ledger; `doublezero \
            enable` brings the tunnels back. Prints `Reconciler disabled` (after `Active tunnel(s) will be \
            torn down` when some are up), or `Reconciler already disabled`. Changing the switch needs root, \
            the daemon's user or the `doublezero` group; a refusal fails with `Failed to disable \
            reconciler: <HTTP status>`.
            """
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Switches the reconciler off.
    func run() async throws {
        do {
            let daemon = try DaemonClient(socket)
            let status = try await daemon.status()
            guard status.reconcilerEnabled else {
                print("Reconciler already disabled")
                return
            }
            if !status.services.isEmpty { print("Active tunnel(s) will be torn down") }
            let answer = try await daemon.switchReconciler(enabled: false)
            guard answer.code == 200 else { throw CommandFailure("Failed to disable reconciler: \(answer.code)") }
            print("Reconciler disabled")
        } catch {
            throw error.commandFailure
        }
    }
}
