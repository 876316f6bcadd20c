import ArgumentParser
import CommandLineSupport

/// `doublezero enable`: turns doublezerod's reconciler on.
struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable doublezerod's reconciler: it provisions the tunnels of this host's user accounts.",
        discussion: """
            doublezerod persists the switch (state.json) and reconciles at once. Prints `Reconciler \
            enabled`, or `Reconciler already enabled`. Changing the switch needs root, the daemon's user \
            or the `doublezero` group; a refusal fails with `Failed to enable reconciler: <HTTP status>`.
            """
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Switches the reconciler on.
    func run() async throws {
        do {
            let daemon = try DaemonClient(socket)
            guard !(try await daemon.status().reconcilerEnabled) else {
                print("Reconciler already enabled")
                return
            }
            let answer = try await daemon.switchReconciler(enabled: true)
            guard answer.code == 200 else { throw CommandFailure("Failed to enable reconciler: \(answer.code)") }
            print("Reconciler enabled")
        } catch {
            throw error.commandFailure
        }
    }
}
